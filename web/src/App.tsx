import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import { Suspense } from 'react';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/query-client';
import { FullPageSpinner } from './auth/guards';
import { ErrorNotifier } from './errors/ErrorNotifier';
import { useAntdLocale } from './i18n';
import { startFirstLoad } from './first-load';
import { router } from './router';

const queryClient = createQueryClient();
/** Settles when the first page can render whole (main.tsx waits for it). */
export const firstLoad = startFirstLoad(queryClient, window.location);

/** Whoever asks their system for less motion gets none: dialogs, drop-downs and messages appear and go at once (read at load). */
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

const theme: ThemeConfig = {
  // Component styles come from antd's prebuilt stylesheet (main.tsx) instead of being generated
  // in the browser at each first render: a third of the first paint went to that.
  zeroRuntime: true,
  token: {
    // Chinese text in each platform's own CJK face; Noto Sans CJK on Linux (fonts-noto-cjk).
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
    ...(reducedMotion && { motion: false }),
  },
};

export function App() {
  const locale = useAntdLocale();
  return (
    <ConfigProvider locale={locale} theme={theme}>
      {/* antd's App gives every page `App.useApp()`: messages, modals and notifications in this locale and theme. */}
      <AntApp component={false}>
        <QueryClientProvider client={queryClient}>
          <ErrorNotifier />
          <Suspense fallback={<FullPageSpinner />}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
