// Partner panels shared by the vendor console and the partner portal. Each component's
// file opens with a description of its props; the permission helpers in ./ownership
// decide what to pass as `editable` / `canEdit` for the signed-in user.
export { IdentityForm, type IdentityFormProps } from './IdentityForm';
export { ContactsPanel, type ContactsPanelProps } from './ContactsPanel';
export { DocumentsPanel, type DocumentsPanelProps } from './DocumentsPanel';
export { ConfirmButton } from './ConfirmButton';
export { editableFields, mayDeleteOwn, mayEditPartnerData, mayManage, mayWrite, FIELD_OWNERS, type PartnerField, type Viewer } from './ownership';
export { countryOptions, COUNTRY_CODES } from './countries';
export { loadManagers, loadTiers, tierColour, useManagers, useTiers } from './lookups';
