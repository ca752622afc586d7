/**
 * Headers every answer of the kiosk's server carries, files and errors alike. The policy is the one
 * the build also writes into index.html as a meta tag; `frame-ancestors` works only as a header: no
 * other page may frame the kiosk (and dress it up as something else).
 */
import { CONTENT_SECURITY_POLICY } from '../vite/csp.ts';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
