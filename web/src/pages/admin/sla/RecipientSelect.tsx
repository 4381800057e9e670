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

/** Who is told: the ticket's assignee, its department's supervisors, its creator, a person, or another department's supervisors. */
export function RecipientSelect({ value, onChange }: Props) {
  const { t } = useTranslation();
  const refName = useRefName();
  const users = useQuery(allUsersQuery);
  const departments = useQuery(adminDepartmentsQuery);
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('admin.sla.recipientsPlaceholder')}
      options={[
        { label: t('admin.sla.recipientGroups.roles'), options: RECIPIENT_ROLES.map((role) => ({ value: role, label: t(`admin.sla.recipients.${role}`) })) },
        {
          label: t('admin.sla.recipientGroups.departments'),
          options: (departments.data ?? []).filter((d) => d.active).map((d) => ({ value: `dept:${d.id}`, label: t('admin.sla.departmentSupervisors', { name: refName(d) }) })),
        },
        { label: t('admin.sla.recipientGroups.users'), options: (users.data ?? []).filter((u) => u.active).map((u) => ({ value: `user:${u.id}`, label: `${u.displayName} (${u.username})` })) },
      ]}
    />
  );
}
