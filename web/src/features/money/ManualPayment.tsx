import { Button, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../ui/FormAlert';
import { errorMessage } from '../../lib/error-message';
import { formatMoney } from '../../lib/format';
import { useCreatePayment, useOpenInvoices } from './use-money';

const today = () => new Date().toISOString().slice(0, 10);

// A payment typed in by hand (cash, a bank without export): date, amount, payer, purpose, the bank
// document's number, and the invoice it pays.
export function ManualPayment() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const invoices = useOpenInvoices();
  const create = useCreatePayment();
  const [form, setForm] = useState({
    date: today(),
    amount: 0,
    payerName: '',
    purpose: '',
    bankDocNumber: '',
    invoiceId: '',
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const submit = () => {
    const kopecks = Math.round(form.amount * 100);
    const invoice = invoices.data?.find((d) => d.id === form.invoiceId);
    create.mutate(
      {
        date: form.date,
        amountKopecks: kopecks,
        payerName: form.payerName,
        purpose: form.purpose || undefined,
        bankDocNumber: form.bankDocNumber || null,
        allocations: invoice
          ? [{ invoiceId: invoice.id, amountKopecks: Math.min(kopecks, invoice.totalKopecks) }]
          : [],
      },
      { onSuccess: close },
    );
  };
  return (
    <>
      <Button variant="default" onClick={open}>
        {t('money.addPayment')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('money.addPayment')}>
        <Stack>
          <TextInput
            type="date"
            label={t('money.date')}
            value={form.date}
            onChange={(e) => set({ date: e.currentTarget.value })}
            required
          />
          <NumberInput
            label={t('money.amount')}
            value={form.amount}
            onChange={(v) => set({ amount: Number(v) || 0 })}
            decimalScale={2}
            min={0}
            thousandSeparator=" "
            required
          />
          <TextInput
            label={t('money.payer')}
            value={form.payerName}
            onChange={(e) => set({ payerName: e.currentTarget.value })}
            required
          />
          <Select
            label={t('money.invoice')}
            data={(invoices.data ?? []).map((d) => ({
              value: d.id,
              label: `№ ${d.number} · ${d.buyerName ?? ''} · ${formatMoney(d.totalKopecks)}`,
            }))}
            value={form.invoiceId || null}
            onChange={(v) => set({ invoiceId: v ?? '' })}
            searchable
            clearable
          />
          <TextInput
            label={t('money.purpose')}
            value={form.purpose}
            onChange={(e) => set({ purpose: e.currentTarget.value })}
          />
          <TextInput
            label={t('money.bankDocNumber')}
            value={form.bankDocNumber}
            onChange={(e) => set({ bankDocNumber: e.currentTarget.value })}
          />
          <FormAlert message={create.error ? errorMessage(create.error) : null} />
          <Button
            onClick={submit}
            loading={create.isPending}
            disabled={!form.payerName || form.amount <= 0}
          >
            {t('money.save')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
