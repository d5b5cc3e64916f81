/**
 * The one WhatsApp link builder of the portal (activation codes, session reminders): a
 * `https://wa.me/<number>` link with the message prefilled, the number in international form
 * without "+" (E.164 as stored: +62812… → 62812…), the text percent-encoded.
 */
export function whatsappLink(phoneE164: string, message: string): string {
  return `https://wa.me/${phoneE164.replace(/^\+/, '')}?text=${encodeURIComponent(message)}`;
}

/** A WhatsApp link that lets the sender choose whom to send `message` to (a lesson for the family). */
export function whatsappShareLink(message: string): string {
  return `https://wa.me/?text=${encodeURIComponent(message)}`;
}
