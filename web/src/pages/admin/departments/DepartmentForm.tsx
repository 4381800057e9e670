import { useQuery } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_MODES, createDepartment, updateDepartment, type AdminDepartment, type AssignmentMode } from '../../../api/admin-org';
import { ADMIN_KEYS, calendarsQuery } from '../admin-queries';
import { CodeAndNameFields, SaveModal, optionalText } from '../common';
import { useAdminForm } from '../use-admin-form';

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  assignmentMode: AssignmentMode;
  /** '' is "the policy's calendar" (null to the API) */
  calendar: string;
}

/** Creates or changes a department: names, how arriving tickets are assigned, its business calendar. */
export function DepartmentForm({ department, onClose }: { department?: AdminDepartment; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const calendars = useQuery(calendarsQuery);
  const save = useAdminForm(
    form,
    (values: Values) => {
      const common = { name: values.name, assignmentMode: values.assignmentMode };
      // The calendar only when changed: the department keeps the one it has, even one deactivated since.
      const calendar = values.calendar !== (department?.calendar?.id ?? '') ? { calendar: values.calendar || null } : {};
      return department
        ? updateDepartment(department.id, { ...common, ...calendar, nameEn: optionalText(values.nameEn) ?? null })
        : createDepartment({ ...common, ...calendar, code: values.code, nameEn: optionalText(values.nameEn) });
    },
    { invalidate: [ADMIN_KEYS.departments, ADMIN_KEYS.reference], onSuccess: onClose },
  );
  const initial: Partial<Values> = department
    ? { code: department.code, name: department.name, nameEn: department.nameEn ?? '', assignmentMode: department.assignmentMode, calendar: department.calendar?.id ?? '' }
    : { assignmentMode: 'none', calendar: '' };

  return (
    <SaveModal title={department ? t('admin.departments.editTitle', { name: department.name }) : t('admin.departments.create')} saving={save.isPending} onSave={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} data-testid="department-form">
        <CodeAndNameFields codeLocked={Boolean(department)} />
        <Form.Item name="assignmentMode" label={t('admin.departments.assignmentMode')} extra={t('admin.departments.assignmentHelp')}>
          <Select options={ASSIGNMENT_MODES.map((mode) => ({ value: mode, label: t(`admin.departments.modes.${mode}`) }))} />
        </Form.Item>
        <Form.Item name="calendar" label={t('admin.departments.calendar')}>
          <Select
            options={[
              { value: '', label: t('admin.departments.policyCalendar') },
              ...(calendars.data ?? [])
                .filter((c) => c.active || c.id === department?.calendar?.id)
                .map((c) => ({ value: c.id, label: c.active ? c.name : t('admin.common.inactiveName', { name: c.name }) })),
            ]}
          />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
