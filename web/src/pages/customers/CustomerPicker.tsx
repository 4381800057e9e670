import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCustomers, type CustomerSummary } from '../../api/customers';
import type { CustomerType } from '../../api/domain';
import { CUSTOMERS_KEY } from '../../api/queries';

export interface PickedCustomer {
  id: string;
  name: string;
}

interface CustomerPickerProps {
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer) => void;
  /**
   * Why a customer found cannot be chosen (the one being merged, an enterprise's own contact …),
   * or null: they are listed greyed out with the reason, never left out, so a page of matches
   * full of them does not read as "no such customer".
   */
  unavailable: (customer: CustomerSummary) => string | null;
  type?: CustomerType;
  placeholder: string;
  testId: string;
}

/** A customer found by any part of the name or by a phone number, as the list finds them. */
export function CustomerPicker({ value, onChange, unavailable, type, placeholder, testId }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const term = useDeferredValue(search.trim());
  const candidates = useQuery({
    queryKey: [...CUSTOMERS_KEY, 'picker', type ?? 'any', term],
    queryFn: ({ signal }) => listCustomers({ q: term, match: 'contains', type }, null, signal),
    enabled: term.length > 0,
  });
  const options = (candidates.data?.items ?? []).map((c) => {
    const reason = unavailable(c);
    const label = [c.name, c.phone, c.tier].filter(Boolean).join(' · ');
    return { value: c.id, label: reason ? t('customers.picker.unavailable', { label, reason }) : label, name: c.name, disabled: reason !== null };
  });
  return (
    <Select
      // The dialog is there to find someone: typing starts at once.
      autoFocus
      showSearch
      filterOption={false}
      placeholder={placeholder}
      onSearch={setSearch}
      loading={candidates.isFetching}
      // With its name: the customer chosen is often not among the matches (a draft restored, the
      // search cleared), and a value without an option of its own shows as the bare id.
      labelInValue
      value={value ? { value: value.id, label: value.name } : undefined}
      onChange={({ value: id }: { value: string; label: string }) => onChange({ id, name: options.find((o) => o.value === id)?.name ?? id })}
      options={options}
      notFoundContent={term && !candidates.isFetching ? t('customers.empty') : null}
      data-testid={testId}
    />
  );
}
