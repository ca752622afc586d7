import encodeQR from 'qr';
import './qr-code.css';

export interface QrCodeProps {
  /** What the code encodes: the link written out beside it. */
  text: string;
  /** Names the image for assistive technology ("QR code of the link below"). */
  label: string;
}

/**
 * A QR code drawn as SVG by the `qr` library. Its markup is set as HTML, which the kiosk otherwise
 * never does: it is the library's own drawing of a link the kiosk made, never text from content.
 * Medium error correction survives a scratched screen or a glare spot without making the code
 * (and each of its squares) much denser.
 */
export function QrCode({ text, label }: QrCodeProps) {
  const svg = encodeQR(text, 'svg', { ecc: 'medium', border: 2 });
  return <div class="qr-code" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}
