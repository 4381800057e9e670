import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Form, message, Row, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { describeFieldIssue } from '../../errors/describe-error';
import type { Priority } from '../../api/domain';
import { addCallNote, createTicket, serviceItemTreeQuery, type CreateTicketBody } from '../../api/new-ticket';
import { prioritiesQuery, ticketQuery } from '../../api/queries';
import type { TicketDetail } from '../../api/tickets';
import { useSession } from '../../auth/session';
import { useFormatDateTime } from '../../i18n/format';
import { useOrgTimeZone } from '../../i18n/org-time';
import { AddToTicketCard } from './AddToTicketCard';
import { CallerSection } from './CallerSection';
import { EarlierTicketNotice, type EarlierTicket } from './EarlierTicketNotice';
import { SimilarTicketsPanel } from './SimilarTickets';
import { issuesOnForm, toCreateBody } from './submit';
import { findServiceItem, TicketCard } from './TicketCard';
import { cachedCaller } from './use-caller-lookup';
import { samePhone } from './phone';
import { useDraft } from './use-draft';
import type { NewTicketValues, TargetTicket } from './values';
import './new-ticket.css';

/** New ticket during a call (issue 5 point 2): `/tickets/new`. */
export default function NewTicketPage() {
  const { session } = useSession();
  // Discarding a draft starts the form afresh: a new form, a new draft, a new Idempotency-Key.
  const [generation, setGeneration] = useState(0);
  // The route guard renders pages only with a session; the draft is kept per user.
  if (!session) return null;
  return <NewTicketForm key={`${session.user.id}:${generation}`} userId={session.user.id} onDiscard={() => setGeneration((g) => g + 1)} />;
}

/** The priority a call starts with: medium, or the middle one of whatever the organisation has. */
function defaultPriority(priorities: readonly Priority[]): Priority | undefined {
  return priorities.find((p) => p.code === 'medium') ?? priorities[Math.floor(priorities.length / 2)];
}

function NewTicketForm({ userId, onDiscard }: { userId: string; onDiscard: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const timeZone = useOrgTimeZone();
  const formatDateTime = useFormatDateTime();
  const [form] = Form.useForm<NewTicketValues>();
  const draft = useDraft(userId);
  const [target, setTarget] = useState<TargetTicket | null>(() => draft.restored?.target ?? null);
  // 为该客户新建工单 on a customer's page opens this page with ?phone=. A draft of another call is
  // never dropped unasked: it stays, and the notice says the number asked for was not taken.
  const [params] = useSearchParams();
  const requestedPhone = params.get('phone')?.trim() || undefined;
  const draftPhone = draft.restored?.values.phone?.trim() || undefined;
  const otherCaller = requestedPhone && draft.restored && !(draftPhone && samePhone(draftPhone, requestedPhone)) ? { requestedPhone, draftPhone } : null;
  const [initialValues] = useState<NewTicketValues>(() => ({
    channel: 'phone',
    noteInternal: true,
    answeredOnSpot: false,
    ...draft.restored?.values,
    phone: draft.restored ? draftPhone : requestedPhone,
  }));

  // The page itself watches no field: typing re-renders only the parts that show what is typed.
  const priorities = useQuery(prioritiesQuery);

  // Medium until the agent says otherwise (a restored draft keeps its own).
  useEffect(() => {
    if (priorities.data && !form.getFieldValue('priority')) form.setFieldValue('priority', defaultPriority(priorities.data)?.id);
  }, [priorities.data, form]);

  const saveDraft = useCallback((nextTarget: TargetTicket | null) => draft.save(form.getFieldsValue(true), nextTarget), [draft, form]);
  const chooseTarget = (next: TargetTicket | null) => {
    setTarget(next);
    saveDraft(next);
  };

  const done = (ticket: TicketDetail, text: string) => {
    draft.clear();
    void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
    // The ticket page opens from the answer, without reading it again.
    queryClient.setQueryData(ticketQuery(ticket.number).queryKey, ticket);
    void message.success(text);
    void navigate(`/tickets/${ticket.number}`);
  };
  const showIssues = (error: Error) => {
    if (error instanceof ApiError && error.fieldIssues.length) form.setFields(issuesOnForm(error.fieldIssues, (issue) => describeFieldIssue(issue, t, error.code)));
  };
  const [earlier, setEarlier] = useState<EarlierTicket | null>(null);
  const create = useMutation({
    mutationFn: ({ body, key }: { body: CreateTicketBody; key: string }) => createTicket(body, key),
    meta: { quietCodes: ['idempotency_key_reused'] },
    onSuccess: (ticket, { body }) => done(ticket, t(body.answeredOnSpot ? 'newTicket.createdAndClosed' : 'newTicket.created', { number: ticket.number })),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'idempotency_key_reused') setEarlier((error.problem.ticket as EarlierTicket | null) ?? null);
      else showIssues(error);
    },
  });
  const openEarlier = (ticket: EarlierTicket) => {
    draft.clear();
    void navigate(`/tickets/${ticket.number}`);
  };
  const fileAsNew = () => {
    draft.renewKey();
    saveDraft(target);
    setEarlier(null);
    void submitRef.current();
  };
  const note = useMutation({
    mutationFn: ({ ticket, content, internal }: { ticket: TargetTicket; content: string; internal: boolean }) => addCallNote(ticket.id, content, internal),
    onSuccess: (ticket) => done(ticket, t('newTicket.noteAdded', { number: ticket.number })),
    onError: showIssues,
  });
  const submitting = create.isPending || note.isPending;

  const submit = async () => {
    if (submitting) return;
    try {
      await form.validateFields(target ? ['description'] : undefined);
    } catch (error) {
      // Straight to the first field at fault, so the keyboard can fix it.
      const first = (error as { errorFields?: Array<{ name: (string | number)[] }> }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { focus: true, block: 'center' });
      return;
    }
    const values: NewTicketValues = form.getFieldsValue(true);
    if (target) {
      note.mutate({ ticket: target, content: values.description ?? '', internal: values.noteInternal !== false });
      return;
    }
    const definitions = findServiceItem(queryClient.getQueryData(serviceItemTreeQuery.queryKey), values.serviceItem)?.fields ?? [];
    const body = toCreateBody(values, definitions, cachedCaller(queryClient, values.phone), timeZone);
    create.mutate({ body, key: draft.idempotencyKey() });
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;

  // Ctrl+Enter submits from any field (captured before a select or text area can take the Enter).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.isComposing) return;
      event.preventDefault();
      event.stopPropagation();
      void submitRef.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const discard = () => {
    draft.clear();
    onDiscard();
  };

  return (
    <div className="gd-new-ticket" data-testid="new-ticket-page" style={{ maxWidth: 1400 }}>
      <Flex align="baseline" gap={16} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('newTicket.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('newTicket.subtitle')}</Typography.Text>
      </Flex>
      {draft.restored && (
        <Alert
          showIcon
          closable={{ onClose: draft.dismissNotice }}
          style={{ marginBottom: 12 }}
          title={
            otherCaller
              ? t('newTicket.draftOtherCaller', {
                  time: formatDateTime(draft.restored.savedAt),
                  draftPhone: otherCaller.draftPhone ?? t('newTicket.draftNoNumber'),
                  phone: otherCaller.requestedPhone,
                })
              : t('newTicket.draftRestored', { time: formatDateTime(draft.restored.savedAt) })
          }
          type={otherCaller ? 'warning' : 'info'}
          action={
            <Button size="small" onClick={discard} data-testid="discard-draft">
              {t('newTicket.discardDraft')}
            </Button>
          }
          data-testid="draft-restored"
        />
      )}
      {earlier && <EarlierTicketNotice ticket={earlier} onOpen={() => openEarlier(earlier)} onFileAsNew={fileAsNew} />}
      <Form<NewTicketValues> form={form} layout="vertical" initialValues={initialValues} onValuesChange={() => saveDraft(target)}>
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Card size="small" title={t('newTicket.callerCard')} style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
              <CallerSection target={target} onTarget={chooseTarget} />
            </Card>
            {target ? (
              <AddToTicketCard target={target} submitting={submitting} onSubmit={() => void submit()} onCancel={() => chooseTarget(null)} />
            ) : (
              <TicketCard submitting={submitting} onSubmit={() => void submit()} />
            )}
          </Col>
          <Col xs={24} xl={8}>
            <SimilarTicketsPanel onAddTo={chooseTarget} />
          </Col>
        </Row>
      </Form>
    </div>
  );
}
