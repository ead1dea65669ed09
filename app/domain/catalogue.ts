// Catalogue rules that do not need the database.
import { CountyKind, Responsibility, type CountyKindCode, type ResponsibilityCode } from './enums'

// LeiKa-Typ digits: 1 federal rule and execution; 2/3 federal rule executed by the Land (2) or the
// municipality (3); 4 Land rule; 5 municipal rule; 6 (EU/other) implies no German executor.
const responsibilityByDigit: Record<string, ResponsibilityCode> = {
  '1': 'federal',
  '2': 'state',
  '3': 'municipal',
  '4': 'state',
  '5': 'municipal',
}

/** The responsibilities of a service from the LeiKa types of its entries (`2/3`, `1, 2/3`, …). */
export function deriveResponsibilities(types: readonly (string | null | undefined)[]): ResponsibilityCode[] {
  const found = new Set<ResponsibilityCode>()
  for (const type of types) {
    for (const digit of type?.match(/\d/g) ?? []) {
      const responsibility = responsibilityByDigit[digit]
      if (responsibility) found.add(responsibility)
    }
  }
  return Responsibility.codes.filter((code) => found.has(code))
}

// Every kind of Kreis executes municipal tasks; Gemeinden are left out until they become members
// and the catalogue can say which tasks a Gemeinde executes.
const countyLevelKinds: CountyKindCode[] = ['landkreis', 'kreisfreie_stadt', 'region']

/** The county kinds a service applies to: those executing municipal tasks, if it has any. */
export function deriveAppliesTo(responsibilities: readonly ResponsibilityCode[]): CountyKindCode[] {
  return responsibilities.includes('municipal') ? CountyKind.codes.filter((c) => countyLevelKinds.includes(c)) : []
}
