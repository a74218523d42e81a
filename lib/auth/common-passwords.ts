// Passwords that appear in breach corpora are the first an attacker tries, whatever their length.
// The list is zxcvbn-ts's ranked "passwords-common" dictionary (about 49,000 entries from public
// breach data, MIT, maintained with the zxcvbn-ts strength estimator): a maintained package rather
// than a copied file, and large enough to catch the long-but-common ones ("1234567890",
// "qwertyuiop", "password1234") that a 10-character rule lets through. Server only: it is loaded on
// first use and never sent to the browser.
let common: Promise<Set<string>> | undefined;

async function load(): Promise<Set<string>> {
  const { dictionary } = await import("@zxcvbn-ts/language-common");
  return new Set(dictionary["passwords-common"]);
}

/** True for a password on the common list, compared without case (the list is lowercase). */
export async function isCommonPassword(password: string): Promise<boolean> {
  common ??= load();
  return (await common).has(password.normalize("NFKC").toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = "Password is one of the most common passwords; choose a less guessable one";
