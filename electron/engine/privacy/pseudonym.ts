/**
 * Pseudonymised employee IDs for reports (issue #8): a keyed hash, so the same person gets
 * the same pseudonym everywhere in one project, and a different one in another project.
 *
 * This is pseudonymisation, not anonymisation: whoever has the project file has the salt
 * (it is stored in project_settings) and can recompute a pseudonym from a known ID. What it
 * protects against is a report or export, shared without the project file, revealing IDs.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** 10 hex digits = 40 bits: a collision among 10,000 people has a chance of about 1 in 22,000. */
export const PSEUDONYM_HEX_LENGTH = 10;

/** project_settings key of the project's random salt (removed with the personal data). */
export const PSEUDONYM_SALT_SETTING = 'pseudonym_salt';

/** A new random per-project salt: 32 random bytes as 64 hex digits. */
export function newProjectSalt(): string {
  return randomBytes(32).toString('hex');
}

/**
 * HMAC-SHA256 of the employee ID keyed by the project's salt, as the first
 * PSEUDONYM_HEX_LENGTH hex digits. Pure: same ID and salt, same pseudonym. The ID is
 * compared as text (surrounding spaces ignored, leading zeros kept: "00777" is not "777").
 */
export function pseudonymize(id: string, projectSalt: string): string {
  if (typeof projectSalt !== 'string' || projectSalt.length < 16) {
    throw new Error('pseudonymize needs the project salt (at least 16 characters)');
  }
  return createHmac('sha256', projectSalt).update(String(id).trim().normalize('NFC'), 'utf8').digest('hex').slice(0, PSEUDONYM_HEX_LENGTH);
}

/** What the salt is read from and written to (a Project). */
export interface SettingsStore {
  getSetting<T>(key: string): Promise<T | null>;
  setSetting(key: string, value: unknown): Promise<void>;
}

/** The project's salt, created and saved on first use. */
export async function projectSalt(project: SettingsStore): Promise<string> {
  const saved = await project.getSetting<string>(PSEUDONYM_SALT_SETTING);
  if (typeof saved === 'string' && /^[0-9a-f]{64}$/.test(saved)) return saved;
  const salt = newProjectSalt();
  await project.setSetting(PSEUDONYM_SALT_SETTING, salt);
  return salt;
}

/** `id => pseudonym` for one project (for the report writer). */
export async function projectPseudonymizer(project: SettingsStore): Promise<(id: string) => string> {
  const salt = await projectSalt(project);
  return (id) => pseudonymize(id, salt);
}
