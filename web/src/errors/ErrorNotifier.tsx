import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Button, message as antMessage, notification as antNotification } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { sessionQuery } from '../api/queries';
import { describeError } from './describe-error';

/**
 * Where failed queries and mutations are reported. The QueryClient is made before React
 * renders, so it reports to this sink; <ErrorNotifier> (inside the ConfigProvider) connects the sink
 * to antd notifications in the user's language.
 */
export type ErrorSink = (error: unknown, quietCodes: readonly string[] | undefined) => void;

let sink: ErrorSink = () => {};

export function reportError(error: unknown, quietCodes?: readonly string[]): void {
  sink(error, quietCodes);
}

export function ErrorNotifier() {
  // The hook forms follow the ConfigProvider (locale, theme); their holders render below.
  const [notification, notificationHolder] = antNotification.useNotification();
  const [message, messageHolder] = antMessage.useMessage();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useEffect(() => {
    sink = (error, quietCodes) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (error instanceof ApiError && quietCodes?.includes(error.code)) return;
      if (error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated') {
        // The session ended (expired, signed out elsewhere): back to the sign-in page.
        if (queryClient.getQueryData(sessionQuery.queryKey)) void message.warning({ content: t('auth.sessionExpired'), key: 'session-expired' });
        expireSession(queryClient);
        return;
      }
      const key = error instanceof ApiError ? error.code : 'error';
      notification.error({
        key,
        title: t('errorMessages.title'),
        description: describeError(error, t),
        actions:
          error instanceof ApiError && error.code === 'version_conflict' ? (
            <Button
              size="small"
              type="primary"
              onClick={() => {
                notification.destroy(key);
                void queryClient.invalidateQueries({ queryKey: ['tickets'] });
              }}
            >
              {t('errorMessages.refresh')}
            </Button>
          ) : undefined,
      });
    };
    return () => {
      sink = () => {};
    };
  }, [notification, message, t, queryClient]);
  return (
    <>
      {notificationHolder}
      {messageHolder}
    </>
  );
}

/** Forgets the session and everything read with it; the route guard then shows the sign-in page. */
export function expireSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQuery.queryKey[0] });
  queryClient.setQueryData(sessionQuery.queryKey, null);
}
