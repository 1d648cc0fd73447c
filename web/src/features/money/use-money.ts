import type { BankStatement, PaymentCreateBody, StatementLineConfirmBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, putFile } from '../../lib/api';

export const moneyKey = ['money'] as const;

export const usePayments = () =>
  useQuery({
    queryKey: [...moneyKey, 'payments'],
    queryFn: () => api.get('/payments', { query: { limit: 200 } }),
  });

export const useReviewQueue = () =>
  useQuery({
    queryKey: [...moneyKey, 'review'],
    queryFn: () => api.get('/bank-statements/lines', { query: { status: 'review', limit: 200 } }),
  });

export const useStatements = () =>
  useQuery({
    queryKey: [...moneyKey, 'statements'],
    queryFn: () => api.get('/bank-statements'),
  });

// Invoices money can still go to (issued or sent).
export const useOpenInvoices = () =>
  useQuery({
    queryKey: [...moneyKey, 'open-invoices'],
    queryFn: async () => {
      const [issued, sent] = await Promise.all(
        (['issued', 'sent'] as const).map((status) =>
          api.get('/documents', { query: { type: 'invoice', status, limit: 200 } }),
        ),
      );
      return [...issued!.items, ...sent!.items];
    },
  });

function useMoneyMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: moneyKey });
      await qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}

export const useUploadStatement = () =>
  useMoneyMutation((file: File) =>
    putFile<BankStatement>(
      `/bank-statements?fileName=${encodeURIComponent(file.name.slice(0, 200) || 'kl_to_1c.txt')}`,
      file,
      'POST',
    ),
  );

export const useConfirmLine = () =>
  useMoneyMutation(({ id, body }: { id: string; body: StatementLineConfirmBody }) =>
    api.post('/bank-statements/lines/:id/confirm', body, { params: { id } }),
  );

export const useIgnoreLine = () =>
  useMoneyMutation((id: string) =>
    api.post('/bank-statements/lines/:id/ignore', undefined, { params: { id } }),
  );

export const useCreatePayment = () =>
  useMoneyMutation((body: PaymentCreateBody) => api.post('/payments', body));

export const useReversePayment = () =>
  useMoneyMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post('/payments/:id/reverse', { reason }, { params: { id } }),
  );
