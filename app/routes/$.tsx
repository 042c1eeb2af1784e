import { data } from '@remix-run/node';

/**
 * Any address no other route takes. Without it Remix answers such a URL before the root loader runs,
 * so the 404 page would not know who is logged in (and offer 登录 to someone who is); through this
 * route the root loader runs and the root ErrorBoundary shows 页面不存在 in the usual frame.
 */
export const loader = () => {
  throw data('页面不存在', { status: 404 });
};

export default function NotFound() {
  return null;
}
