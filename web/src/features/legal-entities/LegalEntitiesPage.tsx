import type { ImageKind, LegalEntity, LegalEntityCreateBody } from '@voronka/contract';
import {
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { legalEntitiesKey, useLegalEntities } from '../documents/use-documents';
import { LegalEntityForm } from './LegalEntityForm';
import { saveLegalEntity, uploadLegalEntityImage } from './use-legal-entities';

const KINDS: ImageKind[] = ['logo', 'stamp', 'signature'];

// Our company: the legal entities documents are issued from, with requisites and images.
export function LegalEntitiesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const entities = useLegalEntities();
  const canWrite = useCanWrite('legal_entities', 'update');
  const [editing, setEditing] = useState<LegalEntity | 'new' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: legalEntitiesKey });
  const save = async (body: LegalEntityCreateBody) => {
    if (!editing) return;
    await saveLegalEntity(editing === 'new' ? null : editing.id, body);
    await refresh();
    setEditing(null);
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('legalEntities.nav')}
        </Title>
        <Group>
          <Anchor component={Link} to="/settings/document-templates">
            {t('documentTemplates.nav')}
          </Anchor>
          {canWrite && <Button onClick={() => setEditing('new')}>{t('legalEntities.add')}</Button>}
        </Group>
      </Group>
      {entities.data?.items.length === 0 && <Text c="dimmed">{t('legalEntities.empty')}</Text>}
      {entities.data?.items.map((e) => (
        <Card key={e.id} withBorder>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h4">
                {e.name}
              </Title>
              <Text size="sm">
                {[
                  e.inn && `${t('legalEntities.inn')} ${e.inn}`,
                  e.kpp && `${t('legalEntities.kpp')} ${e.kpp}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Text size="sm" c="dimmed">
                {e.address}
              </Text>
            </div>
            {canWrite && (
              <Button variant="default" onClick={() => setEditing(e)}>
                {t('common.edit')}
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md">
            {KINDS.map((kind) => (
              <ImageSlot key={kind} entity={e} kind={kind} canWrite={canWrite} onChange={refresh} />
            ))}
          </SimpleGrid>
        </Card>
      ))}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('legalEntities.add') : t('common.edit')}
        size="xl"
      >
        {editing !== null && (
          <LegalEntityForm entity={editing === 'new' ? null : editing} onSubmit={save} />
        )}
      </Modal>
    </Stack>
  );
}

// An image with its preview; PNG or JPEG up to 1 MiB (the server sniffs the bytes and says why not).
function ImageSlot(props: {
  entity: LegalEntity;
  kind: ImageKind;
  canWrite: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const { entity, kind } = props;
  const url = `/api/v1/legal-entities/${entity.id}/image?kind=${kind}&v=${encodeURIComponent(entity.updatedAt)}-${entity.images.join()}`;
  const upload = async (file: File | null) => {
    if (!file) return;
    try {
      await uploadLegalEntityImage(entity.id, kind, file);
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    }
    props.onChange();
  };
  const has = entity.images.includes(kind);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t(`legalEntities.images.${kind}`)}
      </Text>
      {has ? (
        <Image src={url} alt={t(`legalEntities.images.${kind}`)} h={80} w="auto" fit="contain" />
      ) : (
        <Text size="sm" c="dimmed">
          {t('legalEntities.noImage')}
        </Text>
      )}
      {props.canWrite && (
        <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg">
          {(p) => (
            <Button {...p} size="xs" variant="default">
              {t('legalEntities.upload')}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}
