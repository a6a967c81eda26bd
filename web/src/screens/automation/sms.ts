// How an SMS text is sent: GSM-7 when every character is in the GSM 03.38 alphabet (the
// extension characters ^{}\[~]|€ and form feed take two septets), else UCS-2 (UTF-16 units).
// One part holds 160 septets or 70 units; a split message 153 or 67 per part. The server's
// template preview counts the same way (templates.json, previewTemplate).

const gsmBasic =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const gsmExtension = "^{}\\[~]|€\f";
const basic = new Set(gsmBasic);
const extension = new Set(gsmExtension);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsCount {
  encoding: SmsEncoding;
  // Septets (GSM-7) or UTF-16 units (UCS-2) the text takes.
  units: number;
  // Characters (code points) of the text.
  characters: number;
  // Parts the text is sent in (0 for an empty text).
  parts: number;
  // Units one part holds at this length: 160/70 for a single part, 153/67 when split.
  perPart: number;
  // Units left in the last part before another part is needed.
  left: number;
}

export function countSms(text: string): SmsCount {
  const characters = [...text];
  let septets = 0;
  let gsm = true;
  for (const c of characters) {
    if (basic.has(c)) septets += 1;
    else if (extension.has(c)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  const units = gsm ? septets : text.length;
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  const parts = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const perPart = parts > 1 ? multi : single;
  const left = parts === 0 ? single : parts * perPart - units;
  return { encoding, units, characters: characters.length, parts, perPart, left };
}
