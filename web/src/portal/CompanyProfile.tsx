// The company tab of the portal: what the partner keeps up to date itself (address,
// phone, website, size, description, industries, languages — the shared identity form,
// which shows vendor-owned fields read-only with their owner) next to the programme
// facts the vendor manages (ProgramCard).
import type { Partner, Partner360 } from '../lib/types';
import { editableFields, IdentityForm, type Viewer } from '../partner';
import { ProgramCard } from './ProgramCard';

export function CompanyProfile({ partner, viewer, onChanged }: {
  partner: Partner360;
  viewer: Viewer;
  onChanged: (p: Partner) => void;
}) {
  return (
    <div class="portal-company">
      <ProgramCard partner={partner} />
      <div class="portal-company-form">
        <IdentityForm partner={partner} editable={editableFields(viewer, partner)} onChanged={onChanged} />
      </div>
    </div>
  );
}
