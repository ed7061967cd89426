// IdP setup guides for the org admin console: data only, no runtime imports. Each guide follows the
// vendor's own article (its `docsUrl`), in the vendor's UI words:
// - Okta: Okta Help, "Add SCIM provisioning to app integrations" (App Integration Wizard); Okta
//   Support, "Create a custom app attribute … that does not support schema discovery" (External
//   name / External namespace) and "Custom SCIM attribute is not available to map and is not sent".
// - Microsoft Entra ID: Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM
//   endpoint in Microsoft Entra ID", section "Integrate your SCIM endpoint …"; "Customizing user
//   provisioning attribute-mappings" (Edit attribute list for customappsso).
// - Google Workspace: Google Admin Help, "About automated user provisioning" (answer 7681608) and a
//   catalog app's "Configure … user provisioning" article (answer 9227528). Google provisions only
//   to apps in its catalog, not to custom SAML apps: see that guide's notes.
// - OneLogin: OneLogin Developers, "Create a SCIM Test App" and "Test Your SCIM Implementation".
// - JumpCloud: JumpCloud Support, "Provision and manage users and groups in apps using a Custom
//   SCIM Identity Management integration".
import type { IdpName } from '../../model/idp'

/**
 * A value the console fills in with this org's own and shows beside the step with a copy button.
 * - `baseUrl`: `https://<worker>/scim/v2`.
 * - `token`: a SCIM token the admin creates for this IdP (shown once).
 * - `roleUrn`: the org's role extension URN (default
 *   `urn:custom:params:scim:schemas:extension:scimedge:2.0:User`).
 * - `roleAttribute`: the role attribute's full name, the URN followed by `:role` (RFC 7644 §3.10),
 *   e.g. `urn:custom:params:scim:schemas:extension:scimedge:2.0:User:role`. This is the form Entra's
 *   attribute list and mapping target take. The bare name `role` is fixed and is written in the
 *   step text where an IdP asks for it alone (Okta's External name).
 * - `roleValues`: the org's allowed role values, comma-separated.
 * - `uniqueIdentifier`: `userName`.
 */
export type GuideValue =
  'baseUrl' | 'token' | 'roleUrn' | 'roleAttribute' | 'roleValues' | 'uniqueIdentifier'

/** One instruction. `text` is plain text, never HTML. */
export interface GuideStep {
  text: string
  value?: GuideValue
}

export interface IdpGuide {
  idp: Extract<IdpName, 'okta' | 'entra' | 'google' | 'onelogin' | 'jumpcloud'>
  title: string
  docsUrl: string
  steps: GuideStep[]
  notes?: string[]
}

const OKTA: IdpGuide = {
  idp: 'okta',
  title: 'Okta',
  docsUrl: 'https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm',
  steps: [
    {
      text: 'In the Admin Console, go to Applications → Applications, select Create App Integration and create a SAML 2.0 or SWA app.',
    },
    { text: 'On the app’s General tab, edit App Settings, set Provisioning to SCIM and save.' },
    {
      text: 'On the Provisioning tab, under Settings → Integration, select Edit and paste this as the SCIM connector base URL.',
      value: 'baseUrl',
    },
    { text: 'Set Unique identifier field for users to this.', value: 'uniqueIdentifier' },
    {
      text: 'Under Supported provisioning actions, select Push New Users, Push Profile Updates and Push Groups.',
    },
    {
      text: 'Set Authentication Mode to HTTP Header, paste this token as the Authorization value, select Test Connector Configuration, then Save.',
      value: 'token',
    },
    {
      text: 'Under Settings → To App, select Edit, enable Create Users, Update User Attributes and Deactivate Users, and save.',
    },
    {
      text: 'To send roles, go to Directory → Profile Editor, open this app’s profile, select Add Attribute and set External namespace to this.',
      value: 'roleUrn',
    },
    {
      text: 'Give that attribute the data type string and the External name role, optionally with these as its enumerated values, and save.',
      value: 'roleValues',
    },
    {
      text: 'On the Assignments tab, assign the people and groups to provision, with their role.',
    },
  ],
  notes: [
    'Add the role attribute only after SCIM is enabled on the app: an attribute made earlier has no External namespace, and Okta leaves it out of its requests.',
    'Okta sends the token with or without the Bearer prefix depending on the authentication mode; scim-edge accepts both.',
    'Okta never deletes users: unassigning a user deactivates them.',
    'To send Okta groups as teams, push them from the Push Groups tab.',
    'Adding SCIM to an OpenID Connect app integration is not supported by Okta; use SAML 2.0 or SWA.',
  ],
}

const ENTRA: IdpGuide = {
  idp: 'entra',
  title: 'Microsoft Entra ID',
  docsUrl:
    'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups',
  steps: [
    {
      text: 'In the Microsoft Entra admin center, go to Enterprise applications and select New application → Create your own application.',
    },
    {
      text: 'Name it, choose Integrate any other application you don’t find in the gallery (Non-gallery), and create it.',
    },
    {
      text: 'Open Provisioning, select New configuration (or Get started and Provisioning Mode Automatic), and paste this as the Tenant URL.',
      value: 'baseUrl',
    },
    {
      text: 'Paste this token as the Secret Token, select Test Connection, then Create (or Save).',
      value: 'token',
    },
    {
      text: 'Under Attribute mapping, open the user mapping, select Show advanced options, then Edit attribute list for customappsso.',
    },
    { text: 'Add a String attribute with this name and save.', value: 'roleAttribute' },
    {
      text: 'Back in the user mapping, select Add New Mapping, choose the source of each user’s role and set Target attribute to this.',
      value: 'roleAttribute',
    },
    {
      text: 'Under Settings, set Scope to Sync only assigned users and groups, then assign them on the Users and groups page.',
    },
    { text: 'Select Start provisioning.' },
  ],
  notes: [
    'Entra provisions in cycles of about 40 minutes; use Provision on demand to test one user straight away.',
    'Each role Entra sends must be one of the org’s allowed role values (in any case), or scim-edge refuses the user.',
    'Instead of the role attribute, app roles can be sent as Microsoft documents: SingleAppRoleAssignment([appRoleAssignments]) mapped to roles[primary eq "True"].value; scim-edge reads core roles too.',
    'Entra deletes a user only after its 30-day soft delete; until then removal is a deactivation.',
  ],
}

const GOOGLE: IdpGuide = {
  idp: 'google',
  title: 'Google Workspace',
  docsUrl: 'https://support.google.com/a/answer/7681608',
  steps: [
    {
      text: 'Sign in to the Google Admin console as a super administrator and go to Apps → Web and mobile apps.',
    },
    {
      text: 'Open the app added from Google’s catalog for this service; a custom SAML app has no autoprovisioning (see the notes).',
    },
    { text: 'Under Autoprovisioning, select Configure autoprovisioning.' },
    { text: 'Paste this token as the Access token and select Continue.', value: 'token' },
    { text: 'Paste this as the Endpoint URL and select Continue.', value: 'baseUrl' },
    {
      text: 'Check that every mandatory app attribute, this one included, is mapped, then select Continue.',
      value: 'uniqueIdentifier',
    },
    {
      text: 'Optionally limit provisioning to some groups, choose the deprovisioning actions and select Finish.',
    },
    { text: 'Turn autoprovisioning on for the app.' },
  ],
  notes: [
    'Google Workspace provisions over SCIM only to the apps in its catalog that support automated provisioning. A custom SAML app you add yourself cannot be auto-provisioned, so these steps apply only once this service is listed there; until then, use another IdP or manage users by hand.',
    'Where a catalog app asks for no Endpoint URL or Access token, it provisions to its own fixed endpoint, not to scim-edge.',
    'Google syncs users every few hours, and sends users only, not groups: no teams are created.',
  ],
}

const ONELOGIN: IdpGuide = {
  idp: 'onelogin',
  title: 'OneLogin',
  docsUrl: 'https://developers.onelogin.com/scim/create-app',
  steps: [
    { text: 'In the OneLogin admin portal, go to Applications → Applications and select Add App.' },
    {
      text: 'Search for SCIM Provisioner with SAML (SCIM v2 Enterprise), select it, name it and select Save.',
    },
    { text: 'On the Configuration tab, paste this as the SCIM Base URL.', value: 'baseUrl' },
    { text: 'Paste this token as the SCIM Bearer Token.', value: 'token' },
    {
      text: 'In the SCIM JSON Template, keep this field, filled from the scimusername parameter.',
      value: 'uniqueIdentifier',
    },
    {
      text: 'To send roles, add this URN to the template’s schemas and, under it, an object with a role field.',
      value: 'roleUrn',
    },
    { text: 'Under API Connection, select Enable, then Save.' },
    { text: 'On the Parameters tab, set SCIM Username to the attribute users sign in with.' },
    {
      text: 'On the Provisioning tab, select Enable provisioning, clear the admin approval boxes, choose what happens to deleted users, and save.',
    },
    {
      text: 'Give users access through a OneLogin role on the Access tab, or on each user’s Applications tab.',
    },
  ],
  notes: [
    'A role field in the template takes its value from a parameter, e.g. {$parameters.role}: add that parameter on the Parameters tab.',
    'OneLogin roles decide who gets the app; they are not scim-edge roles, which come only from the role field.',
  ],
}

const JUMPCLOUD: IdpGuide = {
  idp: 'jumpcloud',
  title: 'JumpCloud',
  docsUrl:
    'https://jumpcloud.com/support/provision-and-manage-users-and-groups-in-apps-using-custom-scim-identity-management-integration',
  steps: [
    {
      text: 'In the JumpCloud Admin Portal, go to SSO Applications and select Add New Application.',
    },
    {
      text: 'Select Custom Application, choose Export users to this app (Identity Management) and continue.',
    },
    { text: 'Name the app, select Save Application, then Configure Application.' },
    {
      text: 'On the Identity Management tab, choose SCIM 2.0 and paste this as the Base URL.',
      value: 'baseUrl',
    },
    { text: 'Paste this token as the Token Key.', value: 'token' },
    { text: 'Enter a Test User Email and select Test Connection.' },
    { text: 'Select Activate, then Save.' },
    { text: 'On the User Groups tab, select the groups whose users to provision and save.' },
  ],
  notes: [
    'Test Connection creates a test user and a test group in this org and then deletes both.',
    'To send groups as teams, also turn on group management on the Identity Management tab where it is offered.',
    'This guide does not cover roles.',
  ],
}

export const IDP_GUIDES: readonly IdpGuide[] = [OKTA, ENTRA, GOOGLE, ONELOGIN, JUMPCLOUD]
