import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RECIPIENT_ROLES } from '../../../api/admin-sla';
import { useRefName } from '../../../i18n/format';
import { adminDepartmentsQuery, allUsersQuery } from '../admin-queries';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
}

/**
 * Who is told: the ticket's assignee, its department's supervisors, its creator, a person, or
 * another department's supervisors. Only active people and departments can be chosen; one the
 * policy already names stays listed, by name and marked, after it was deactivated.
 */
export function RecipientSelect({ value, onChange }: Props) {
  const { t } = useTranslation();
  const refName = useRefName();
  const users = useQuery(allUsersQuery);
  const departments = useQuery(adminDepartmentsQuery);
  const offered = (entry: { active: boolean }, encoded: string) => entry.active || (value ?? []).includes(encoded);
  const marked = (active: boolean, name: string) => (active ? name : t('admin.common.inactiveName', { name }));
  return (
    <Select
      mode="multiple"
      // The server takes at most 20 recipients a list (src/sla/http/sla-policies.routes.ts).
      maxCount={20}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('admin.sla.recipientsPlaceholder')}
      options={[
        { label: t('admin.sla.recipientGroups.roles'), options: RECIPIENT_ROLES.map((role) => ({ value: role, label: t(`admin.sla.recipients.${role}`) })) },
        {
          label: t('admin.sla.recipientGroups.departments'),
          options: (departments.data ?? [])
            .filter((d) => offered(d, `dept:${d.id}`))
            .map((d) => ({ value: `dept:${d.id}`, label: marked(d.active, t('admin.sla.departmentSupervisors', { name: refName(d) })) })),
        },
        {
          label: t('admin.sla.recipientGroups.users'),
          options: (users.data ?? []).filter((u) => offered(u, `user:${u.id}`)).map((u) => ({ value: `user:${u.id}`, label: marked(u.active, `${u.displayName} (${u.username})`) })),
        },
      ]}
    />
  );
}
