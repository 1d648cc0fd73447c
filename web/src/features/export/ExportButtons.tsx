import type { Entity } from '@voronka/contract';
import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../lib/api';
import { useMe } from '../../lib/session';

type Filters = Record<string, string | number | boolean | null | undefined>;

// Export of the list as it is filtered now; shown only to roles with the export right. The files
// are plain downloads (GET with the session cookie), streamed by the server.
export function ExportButtons({
  entity,
  filters,
}: {
  entity: Extract<Entity, 'companies' | 'contacts' | 'deals' | 'leads'>;
  filters: Filters;
}) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.permissions[entity]?.export) return null;
  const href = (format: string, separator?: string) =>
    buildUrl(`/api/v1/${entity}/export`, {
      ...filters,
      limit: undefined,
      cursor: undefined,
      format,
      separator,
    });
  const formats: [string, string, string?][] = [
    ['export.xlsx', 'xlsx'],
    ['export.csv', 'csv'],
    ['export.csvSemicolon', 'csv', 'semicolon'],
    ...(entity === 'contacts' ? ([['export.vcf', 'vcf']] as [string, string][]) : []),
  ];
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default">{t('export.button')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {formats.map(([label, format, separator]) => (
          <Menu.Item key={label} component="a" href={href(format, separator)} download>
            {t(label)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
