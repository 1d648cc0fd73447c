import type {
  CustomEntity,
  CustomField,
  CustomFieldCreateBody,
  CustomFieldUpdateBody,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const customFieldsKey = ['custom-fields'] as const;

// Definitions for one entity: forms and lists of that entity use them too.
export function useCustomFields(entity: CustomEntity) {
  return useQuery({
    queryKey: [...customFieldsKey, entity],
    queryFn: () => api.get('/custom-fields', { query: { entity } }),
    select: (r) => r.items,
  });
}

export function useSaveCustomField(field: CustomField | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomFieldCreateBody | CustomFieldUpdateBody) =>
      field
        ? api.patch('/custom-fields/:id', body as CustomFieldUpdateBody, {
            params: { id: field.id },
          })
        : api.post('/custom-fields', body as CustomFieldCreateBody),
    meta: { inlineErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: customFieldsKey }),
  });
}

export function useDeleteCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/custom-fields/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: customFieldsKey }),
  });
}

// "Срок поставки" → "srok_postavki": a key proposal from the label, latin, lower-case.
const translit: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
export function keyFromLabel(label: string): string {
  const latin = [...label.toLowerCase()].map((c) => translit[c] ?? c).join('');
  const key = latin
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40);
  return key;
}
