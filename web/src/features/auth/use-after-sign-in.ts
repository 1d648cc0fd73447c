import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { applySession, isSessionInfo } from '../../lib/session';
import { landingPath } from '../../lib/nav-rules';

// Whatever signed the user in (password, code, sign-up, invitation, two-factor set-up), the session is stored
// and the user goes on: to the code step, to the forced two-factor set-up, or to where they were headed
// (with nowhere in particular: a manager to the inbox, whoever runs the department to the home page).
export function useAfterSignIn(next = '/', onCodeNeeded?: () => void) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return async (res: unknown) => {
    await applySession(qc, res);
    const s = isSessionInfo(res) ? res : null;
    if (s?.twoFactorRequired && onCodeNeeded) onCodeNeeded();
    else if (s?.twoFactorSetupRequired) void navigate('/two-factor-setup');
    else void navigate(next === '/' ? landingPath(s?.me) : next, { replace: true });
  };
}
