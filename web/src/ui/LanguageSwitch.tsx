import { SegmentedControl } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { type Language, currentLanguage, setLanguage } from '../lib/i18n';

// signedIn: also store the choice on the account, so e-mails and other devices follow it.
export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const { t, i18n } = useTranslation();
  const save = useMutation({ mutationFn: (locale: Language) => api.patch('/me', { locale }) });
  const change = (value: string) => {
    const lng: Language = value === 'en' ? 'en' : 'ru';
    void setLanguage(lng);
    if (signedIn) save.mutate(lng);
  };
  return (
    <SegmentedControl
      data-testid="lang-switch"
      aria-label={t('shell.language')}
      size="xs"
      value={i18n.language === 'en' ? 'en' : currentLanguage()}
      onChange={change}
      data={[
        { value: 'ru', label: 'RU' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
