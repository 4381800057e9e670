import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { signIn, signOut, type Session } from '../api/auth';
import { sessionQuery } from '../api/queries';
import { expireSession } from '../errors/ErrorNotifier';

/** The signed-in session: undefined while GET /auth/me is on its way, null when signed out. */
export function useSession(): { session: Session | null | undefined; isPending: boolean } {
  const query = useQuery(sessionQuery);
  return { session: query.data, isPending: query.isPending };
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => signIn(username, password),
    // The sign-in form shows these itself.
    meta: { quietCodes: ['invalid_credentials', 'rate_limited', 'validation_failed'] },
    onSuccess: (session) => queryClient.setQueryData(sessionQuery.queryKey, session),
  });
}

const SIGN_OUT = ['signOut'];

/** Signing out goes straight to the sign-in page, which waits (see `useSigningOut`) until the server has ended the session. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationKey: SIGN_OUT,
    mutationFn: signOut,
    onMutate: () => void navigate('/login', { replace: true }),
    // Signed out on this side whatever the server answered.
    onSettled: () => expireSession(queryClient),
  });
}

export function useSigningOut(): boolean {
  return useIsMutating({ mutationKey: SIGN_OUT }) > 0;
}
