import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/format';
import { useCreditCheck } from './use-receivables';

// On a draft invoice: would issuing it take the client past their credit limit? A warning only;
// issuing is not blocked.
export function CreditLimitWarning({
  companyId,
  amountKopecks,
}: {
  companyId: string;
  amountKopecks: number;
}) {
  const { t } = useTranslation();
  const check = useCreditCheck(companyId, amountKopecks);
  if (!check.data?.exceeds || check.data.creditLimitKopecks === null) return null;
  return (
    <Alert color="orange" role="status" data-testid="credit-limit-warning">
      {t('receivables.overLimit', {
        after: formatMoney(check.data.afterKopecks),
        limit: formatMoney(check.data.creditLimitKopecks),
      })}
    </Alert>
  );
}
