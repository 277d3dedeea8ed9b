/**
 * People's certificate numbers, packed by slot: a disability certificate number is its holder's ID number and
 * two digits (category, grade), so nearly all of them are a code into a table of a few dozen suffixes — two
 * bytes a person instead of a 20-character string. One that does not fit (another person's number, a
 * different shape) is kept as it is on the side.
 */
export class CertificateCodes {
  private codes = new Uint16Array(0);
  private suffixes: string[] = [];
  private others = new Map<number, string>();

  /** Room for `count` slots (grows by doubling). */
  reserve(count: number): void {
    if (count <= this.codes.length) return;
    const codes = new Uint16Array(Math.max(64, this.codes.length * 2, count));
    codes.set(this.codes);
    this.codes = codes;
  }

  set(slot: number, personId: string, certificateNumber: string): void {
    this.reserve(slot + 1);
    this.others.delete(slot);
    const code = certificateNumber.startsWith(personId)
      ? this.codeOf(certificateNumber.slice(personId.length))
      : OTHER;
    if (code === OTHER) this.others.set(slot, certificateNumber);
    this.codes[slot] = code;
  }

  get(slot: number, personId: string): string {
    const code = this.codes[slot]!;
    return code === OTHER ? this.others.get(slot)! : personId + this.suffixes[code]!;
  }

  clone(): CertificateCodes {
    const copy = new CertificateCodes();
    copy.codes = this.codes.slice();
    copy.suffixes = this.suffixes.slice();
    copy.others = new Map(this.others);
    return copy;
  }

  private codeOf(suffix: string): number {
    const code = this.suffixes.indexOf(suffix);
    if (code >= 0) return code;
    if (this.suffixes.length >= MAX_SUFFIXES) return OTHER;
    this.suffixes.push(suffix);
    return this.suffixes.length - 1;
  }
}

/** 7 categories × 4 grades, with room to spare; past that, a suffix is not worth a table entry. */
const MAX_SUFFIXES = 64;
const OTHER = 0xffff;
