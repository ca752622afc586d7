/**
 * A strict Content-Security-Policy for the built kiosk: scripts, styles, fonts, images and audio
 * from the kiosk's own origin only, no inline script, nothing remote. Sent as a header by the
 * `npm start` server and written into index.html as a meta tag, so a kiosk served by any other web
 * server is protected too. (The dev server is left alone: its hot reload needs inline script.)
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  // howler releases a media element by pointing it at a tiny data: WAV.
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'kiosk-csp',
    apply: (_config, env) => env.command === 'build' || Boolean(env.isPreview),
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }];
    },
    configurePreviewServer(server) {
      server.middlewares.use((_request, response, next) => {
        // frame-ancestors only works as a header: no other page may frame the kiosk.
        response.setHeader('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
        response.setHeader('X-Content-Type-Options', 'nosniff');
        response.setHeader('Referrer-Policy', 'no-referrer');
        next();
      });
    },
  };
}
