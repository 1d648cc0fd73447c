import {
  companyTextFields,
  type Company,
  type Contact,
  type DuplicatePair,
} from '@voronka/contract';
import { Alert, Button, Group, Loader, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useCompany, useMergeCompanies } from '../companies/use-companies';
import { useContact, useMergeContacts } from '../contacts/use-contacts';

type Entity = 'contacts' | 'companies';
const fieldsOf: Record<Entity, string[]> = {
  contacts: [
    'lastName',
    'firstName',
    'middleName',
    'position',
    'companyId',
    'birthday',
    'timezone',
    'consent',
  ],
  companies: [...companyTextFields, 'timezone'],
};

const show = (record: Contact | Company, field: string, t: (k: string) => string): string => {
  if (field === 'companyId' && 'companyName' in record) return record.companyName ?? '';
  if (field === 'consent' && 'consent' in record) return t(`contacts.consents.${record.consent}`);
  const v = (record as Record<string, unknown>)[field];
  return v === null || v === undefined ? '' : String(v);
};
const nameOf = (r: Contact | Company) => ('fullName' in r ? r.fullName : r.name);

// Field by field: where the two differ, pick which value the kept record gets. The other record is
// deleted; its phones, e-mails, deals, tasks and history move to the kept one.
export function MergeDialog({
  entity,
  pair,
  onClose,
}: {
  entity: Entity;
  pair: DuplicatePair;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [keepId, setKeepId] = useState(pair.a.id);
  const otherId = keepId === pair.a.id ? pair.b.id : pair.a.id;
  const isContacts = entity === 'contacts';
  const keepContact = useContact(isContacts ? keepId : null);
  const otherContact = useContact(isContacts ? otherId : null);
  const keepCompany = useCompany(isContacts ? null : keepId);
  const otherCompany = useCompany(isContacts ? null : otherId);
  const mergeContacts = useMergeContacts(keepId);
  const mergeCompanies = useMergeCompanies(keepId);
  const merge = isContacts ? mergeContacts : mergeCompanies;
  const [choice, setChoice] = useState<Record<string, 'this' | 'other'>>({});
  const keep = isContacts ? keepContact.data : keepCompany.data;
  const other = isContacts ? otherContact.data : otherCompany.data;
  const differing =
    keep && other ? fieldsOf[entity].filter((f) => show(keep, f, t) !== show(other, f, t)) : [];
  const picked = (f: string) => choice[f] ?? (keep && show(keep, f, t) ? 'this' : 'other');
  const submit = () =>
    merge.mutate(
      { otherId, fields: Object.fromEntries(differing.map((f) => [f, picked(f)])) },
      { onSuccess: onClose },
    );
  const label = (f: string) =>
    t(
      isContacts ? `contacts.fields.${f === 'companyId' ? 'company' : f}` : `companies.fields.${f}`,
    );

  return (
    <Modal opened onClose={onClose} title={t('duplicates.mergeTitle')} size="xl">
      <Stack>
        {merge.error ? <Alert color="red">{errorMessage(merge.error)}</Alert> : null}
        {!keep || !other ? (
          <Loader aria-label={t('common.loading')} />
        ) : (
          <>
            <Text size="sm">{t('duplicates.mergeExplain')}</Text>
            <Table.ScrollContainer minWidth={520}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('duplicates.field')}</Table.Th>
                    {[keep, other].map((r) => (
                      <Table.Th key={r.id}>
                        <Radio
                          checked={r.id === keepId}
                          onChange={() => setKeepId(r.id)}
                          label={nameOf(r)}
                          description={t(
                            r.id === keepId ? 'duplicates.kept' : 'duplicates.deleted',
                          )}
                        />
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {differing.map((f) => (
                    <Table.Tr key={f}>
                      <Table.Td>{label(f)}</Table.Td>
                      {(['this', 'other'] as const).map((side) => {
                        const value = show(side === 'this' ? keep : other, f, t);
                        return (
                          <Table.Td key={side}>
                            <Radio
                              name={f}
                              checked={picked(f) === side}
                              onChange={() => setChoice((c) => ({ ...c, [f]: side }))}
                              label={value || '—'}
                              aria-label={`${label(f)}: ${value || '—'}`}
                            />
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {differing.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('duplicates.sameFields')}
              </Text>
            ) : null}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            onClick={submit}
            loading={merge.isPending}
            disabled={!keep || !other}
          >
            {t('duplicates.merge')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
