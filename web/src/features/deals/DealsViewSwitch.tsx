import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

// Deals as a table or on the board; the chosen pipeline goes along both ways.
export function DealsViewSwitch({
  current,
  pipelineId,
}: {
  current: 'list' | 'board';
  pipelineId?: string | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const go = (to: string) => {
    if (to === current) return;
    const q = pipelineId
      ? `?${to === 'board' ? 'pipeline' : 'pipelineId'}=${encodeURIComponent(pipelineId)}`
      : '';
    void navigate(to === 'board' ? `/pipeline${q}` : `/deals${q}`);
  };
  return (
    <SegmentedControl
      aria-label={t('records.deals.viewAs')}
      value={current}
      onChange={go}
      data={[
        { value: 'list', label: t('records.deals.asList') },
        { value: 'board', label: t('records.deals.asBoard') },
      ]}
    />
  );
}
