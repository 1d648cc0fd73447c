import type { ChannelCreateBody, ChannelUpdateBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const channelsKey = ['channels'] as const;

export function useChannels() {
  return useQuery({
    queryKey: channelsKey,
    queryFn: () => api.get('/channels'),
    select: (r) => r.items,
  });
}

// The domains an e-mail intake address may be in (the server's VORONKA_MAIL_DOMAINS).
export function useMailDomains() {
  return useQuery({
    queryKey: channelsKey,
    queryFn: () => api.get('/channels'),
    select: (r) => r.mailDomains ?? [],
  });
}

function useChannelMutation<B, R>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { inlineErrors: true },
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: channelsKey }),
        qc.invalidateQueries({ queryKey: ['inbox'] }),
      ]),
  });
}

export const useCreateChannel = () =>
  useChannelMutation((body: ChannelCreateBody) => api.post('/channels', body));
export const useUpdateChannel = (id: string) =>
  useChannelMutation((body: ChannelUpdateBody) =>
    api.patch('/channels/:id', body, { params: { id } }),
  );
export const useDeleteChannel = () =>
  useChannelMutation((id: string) => api.delete('/channels/:id', { params: { id } }));
export const useConnectTelegram = (id: string) =>
  useChannelMutation(() => api.post('/channels/:id/telegram/connect', {}, { params: { id } }));

// What the form sends: settings as typed (blank ones left out; lists split by commas), and only the
// secrets that were typed in (a blank secret field keeps what is stored).
export function channelBody(
  settings: Record<string, string>,
  secrets: Record<string, string>,
  listKeys: string[] = ['allowedDomains'],
) {
  const s: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (!v.trim()) continue;
    s[k] = listKeys.includes(k) ? v.split(/[\s,]+/).filter(Boolean) : v.trim();
  }
  const typed = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== ''));
  return { settings: s, secrets: typed };
}
