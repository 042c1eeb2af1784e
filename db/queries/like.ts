/** LIKE reads %, _ and its escape character \ as patterns; typed text should mean itself. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
