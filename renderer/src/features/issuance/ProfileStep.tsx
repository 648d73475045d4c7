import { LEAF_PROFILES, type LeafProfile } from '../../../../shared/domain/types';
import { EKU_OPTIONS, KEY_USAGE_OPTIONS, PROFILE_INFO } from './profile-options';

export interface ProfileStepProps {
  profile: LeafProfile;
  keyUsages: readonly string[];
  extendedKeyUsages: readonly string[];
  onProfile: (profile: LeafProfile) => void;
  onUsages: (keyUsages: string[], extendedKeyUsages: string[]) => void;
}

function toggle(list: readonly string[], name: string, on: boolean): string[] {
  return on ? [...list.filter((n) => n !== name), name] : list.filter((n) => n !== name);
}

export function ProfileStep({
  profile,
  keyUsages,
  extendedKeyUsages,
  onProfile,
  onUsages,
}: ProfileStepProps): React.JSX.Element {
  const custom = profile === 'custom';
  return (
    <>
      <fieldset className="cd-choice-list">
        <legend>Certificate profile</legend>
        {LEAF_PROFILES.map((p) => (
          <label key={p} className="cd-choice">
            <input
              type="radio"
              name="profile"
              value={p}
              checked={profile === p}
              onChange={() => onProfile(p)}
            />
            <span className="cd-choice-main">
              <strong>{PROFILE_INFO[p].label}</strong>
              <span className="muted">{PROFILE_INFO[p].description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid-2">
        <fieldset>
          <legend>Key usage</legend>
          {KEY_USAGE_OPTIONS.map((o) => (
            <label key={o.name} className="cd-check">
              <input
                type="checkbox"
                checked={keyUsages.includes(o.name)}
                disabled={!custom}
                onChange={(e) =>
                  onUsages(toggle(keyUsages, o.name, e.target.checked), [...extendedKeyUsages])
                }
              />
              {o.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Extended key usage</legend>
          {EKU_OPTIONS.map((o) => (
            <label key={o.name} className="cd-check">
              <input
                type="checkbox"
                checked={extendedKeyUsages.includes(o.name)}
                disabled={!custom}
                onChange={(e) =>
                  onUsages([...keyUsages], toggle(extendedKeyUsages, o.name, e.target.checked))
                }
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      </div>
      {!custom && (
        <p className="field-hint">
          These usages are fixed by the {PROFILE_INFO[profile].label} profile; choose Custom to change them.
        </p>
      )}
    </>
  );
}
