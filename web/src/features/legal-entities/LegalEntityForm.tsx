import type { LegalEntity, LegalEntityCreateBody } from '@voronka/contract';
import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';

type Signer = { name: string; position: string; basis: string };
type Form = {
  name: string;
  inn: string;
  kpp: string;
  ogrn: string;
  address: string;
  phone: string;
  bankName: string;
  bik: string;
  corrAccount: string;
  settlementAccount: string;
  director: Signer;
  accountant: Signer;
  vatPayer: boolean;
};

const signerOf = (s: LegalEntity['director']): Signer => ({
  name: s?.name ?? '',
  position: s?.position ?? '',
  basis: s?.basis ?? '',
});

function formOf(e: LegalEntity | null): Form {
  const bank = e?.bankAccounts[0];
  return {
    name: e?.name ?? '',
    inn: e?.inn ?? '',
    kpp: e?.kpp ?? '',
    ogrn: e?.ogrn ?? '',
    address: e?.address ?? '',
    phone: e?.phone ?? '',
    bankName: bank?.bankName ?? '',
    bik: bank?.bik ?? '',
    corrAccount: bank?.corrAccount ?? '',
    settlementAccount: bank?.settlementAccount ?? '',
    director: signerOf(e?.director ?? null),
    accountant: signerOf(e?.accountant ?? null),
    vatPayer: e?.vatPayer ?? true,
  };
}

const signerBody = (s: Signer) =>
  s.name.trim() && s.position.trim()
    ? { name: s.name, position: s.position, basis: s.basis || null }
    : null;

export function bodyOf(f: Form): LegalEntityCreateBody {
  const hasBank = f.bankName || f.bik || f.corrAccount || f.settlementAccount;
  return {
    name: f.name,
    inn: f.inn || null,
    kpp: f.kpp || null,
    ogrn: f.ogrn || null,
    address: f.address || null,
    phone: f.phone || null,
    bankAccounts: hasBank
      ? [
          {
            bankName: f.bankName,
            bik: f.bik,
            corrAccount: f.corrAccount,
            settlementAccount: f.settlementAccount,
          },
        ]
      : [],
    director: signerBody(f.director),
    accountant: signerBody(f.accountant),
    vatPayer: f.vatPayer,
  };
}

// Requisites, the bank account and the signers; the server's field error lands on its input.
export function LegalEntityForm(props: {
  entity: LegalEntity | null;
  onSubmit: (body: LegalEntityCreateBody) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<Form>(() => formOf(props.entity));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const field = (key: keyof Form, label: string, apiField: string = key) => (
    <TextInput
      label={label}
      value={f[key] as string}
      onChange={(e) => setF({ ...f, [key]: e.currentTarget.value })}
      error={errors[apiField]}
      required={key === 'name'}
    />
  );
  const signer = (key: 'director' | 'accountant') => (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      {(['name', 'position', 'basis'] as const).map((k) => (
        <TextInput
          key={k}
          label={t(`legalEntities.signer.${k}`)}
          value={f[key][k]}
          onChange={(e) => setF({ ...f, [key]: { ...f[key], [k]: e.currentTarget.value } })}
        />
      ))}
    </SimpleGrid>
  );
  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      await props.onSubmit(bodyOf(f));
    } catch (e) {
      // «bankAccounts.0.bik» → bik: the last segment names the input.
      const fields = isApiError(e) ? e.fieldErrors : {};
      setErrors(Object.keys(fields).length ? fields : { name: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        {field('name', t('legalEntities.name'))}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {field('inn', t('legalEntities.inn'))}
          {field('kpp', t('legalEntities.kpp'))}
          {field('ogrn', t('legalEntities.ogrn'))}
        </SimpleGrid>
        {field('address', t('legalEntities.address'))}
        {field('phone', t('legalEntities.phone'))}
        <Checkbox
          label={t('legalEntities.vatPayer')}
          checked={f.vatPayer}
          onChange={(e) => setF({ ...f, vatPayer: e.currentTarget.checked })}
        />
        <Title order={3} size="h5">
          {t('legalEntities.bank')}
        </Title>
        {field('bankName', t('legalEntities.bankName'))}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {field('bik', t('legalEntities.bik'))}
          {field('corrAccount', t('legalEntities.corrAccount'))}
          {field('settlementAccount', t('legalEntities.settlementAccount'))}
        </SimpleGrid>
        <Title order={3} size="h5">
          {t('legalEntities.director')}
        </Title>
        {signer('director')}
        <Title order={3} size="h5">
          {t('legalEntities.accountant')}
        </Title>
        {signer('accountant')}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
