import { Accordion, Code, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// What a template may say (src/modules/print/DESIGN.md «DOCX templates»): each placeholder with
// what it prints, grouped as a template author needs them, and a small example.
const GROUPS: { key: string; names: [string, string?][] }[] = [
  {
    key: 'document',
    names: [
      ['title'],
      ['number'],
      ['date'],
      ['dateShort'],
      ['dueDate'],
      ['basis'],
      ['dealTitle'],
      ['notes'],
      ['paymentPurpose'],
    ],
  },
  {
    key: 'parties',
    names: [
      ['seller.name', 'name'],
      ['buyer.inn', 'inn'],
      ['buyer.kpp', 'kpp'],
      ['seller.ogrn', 'ogrn'],
      ['buyer.address', 'address'],
      ['seller.phone', 'phone'],
      ['seller.bankName', 'bankName'],
      ['seller.bik', 'bik'],
      ['seller.correspondentAccount', 'correspondentAccount'],
      ['seller.settlementAccount', 'settlementAccount'],
    ],
  },
  {
    key: 'signers',
    names: [
      ['seller.director.name', 'directorName'],
      ['seller.director.position', 'directorPosition'],
      ['seller.director.basis', 'directorBasis'],
      ['seller.accountant.name', 'accountantName'],
    ],
  },
  {
    key: 'totals',
    names: [['linesCount'], ['net'], ['vat'], ['total'], ['totalInWords'], ['vatLabel']],
  },
  {
    key: 'lines',
    names: [
      ['position'],
      ['name'],
      ['sku'],
      ['unit'],
      ['okei'],
      ['quantity'],
      ['price'],
      ['discount'],
      ['vatRate'],
      ['net', 'lineNet'],
      ['vat', 'lineVat'],
      ['total', 'lineTotal'],
      ['sum'],
    ],
  },
  { key: 'conditions', names: [['vatPayer']] },
];

const EXAMPLE = `Счёт № {number} от {date}
Поставщик: {seller.name}, ИНН {seller.inn}
Покупатель: {buyer.name}
{#lines}{position}. {name} — {quantity} {unit} × {price} = {sum}
{/lines}Итого: {total}. {vatLabel} {vat}
{totalInWords}`;

export function PlaceholderReference() {
  const { t } = useTranslation();
  return (
    <Accordion variant="contained" defaultValue="document">
      {GROUPS.map((g) => (
        <Accordion.Item key={g.key} value={g.key}>
          <Accordion.Control>{t(`documentTemplates.refGroups.${g.key}`)}</Accordion.Control>
          <Accordion.Panel>
            <Table.ScrollContainer minWidth={300}>
              <Table>
                <Table.Tbody>
                  {g.names.map(([name, help]) => (
                    <Table.Tr key={name + (help ?? '')}>
                      <Table.Td w="45%">
                        <Code>{name === 'vatPayer' ? '{#vatPayer}' : `{${name}}`}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`documentTemplates.refHelp.${help ?? name}`)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
      <Accordion.Item value="example">
        <Accordion.Control>{t('documentTemplates.example')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="xs">
            <Code block>{EXAMPLE}</Code>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
