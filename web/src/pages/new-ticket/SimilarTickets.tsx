import { Button, Card, Empty, Flex, Form, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SimilarTicket } from '../../api/new-ticket';
import { StatusTag } from '../../components/tags';
import { useCallerLookup } from './use-caller-lookup';
import { useSimilarTickets } from './use-similar-tickets';
import type { TargetTicket } from './values';

/** The probe's inputs, watched here so that typing re-renders this panel and not the whole page. */
export function SimilarTicketsPanel({ onAddTo }: { onAddTo: (target: TargetTicket) => void }) {
  const form = Form.useFormInstance();
  const title = Form.useWatch<string | undefined>('title', form);
  const description = Form.useWatch<string | undefined>('description', form);
  const phone = Form.useWatch<string | undefined>('phone', form);
  const { caller, number } = useCallerLookup(phone);
  const customer = useMemo(() => (caller ? { id: caller.customer.id } : caller === null && number ? { phone: number } : undefined), [caller, number]);
  const similar = useSimilarTickets(title, description, customer);
  return <SimilarTickets active={similar.active} items={similar.items} isFetching={similar.isFetching} onAddTo={onAddTo} />;
}

interface SimilarTicketsProps {
  active: boolean;
  items: SimilarTicket[] | undefined;
  isFetching: boolean;
  onAddTo: (target: TargetTicket) => void;
}

/** Possible duplicates of what is being typed, each openable in a new tab or chosen to add this call to. */
export function SimilarTickets({ active, items, isFetching, onAddTo }: SimilarTicketsProps) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('newTicket.similarTitle')} extra={isFetching ? <Spin size="small" /> : null} data-testid="similar-tickets">
      {!active ? (
        <Typography.Text type="secondary">{t('newTicket.similarHint')}</Typography.Text>
      ) : items === undefined ? (
        <Typography.Text type="secondary">{t('newTicket.similarSearching')}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('newTicket.similarEmpty')} />
      ) : (
        <Flex vertical className="gd-similar-list">
          {items.map(({ ticket, reasons, score }) => (
            <Flex key={ticket.id} vertical gap={4} className="gd-similar-item" data-testid="similar-ticket">
              <Flex gap={6} align="center" wrap>
                <Link to={`/tickets/${ticket.number}`} target="_blank" rel="noreferrer" aria-label={t('newTicket.openInNewTab', { number: ticket.number })}>
                  {ticket.number}
                </Link>
                <StatusTag status={ticket.status} />
              </Flex>
              <Typography.Text>{ticket.title}</Typography.Text>
              <Flex gap={4} align="center" wrap>
                {reasons.includes('same_customer') && <Tag color="blue">{t('newTicket.sameCustomer')}</Tag>}
                {reasons.includes('similar_text') && score !== null && <Tag color="orange">{t('newTicket.similarText', { score: Math.round(score * 100) })}</Tag>}
                <Button size="small" type="link" onClick={() => onAddTo({ id: ticket.id, number: ticket.number, title: ticket.title })}>
                  {t('newTicket.addToThis')}
                </Button>
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
