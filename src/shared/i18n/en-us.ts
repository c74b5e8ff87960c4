import type { CatalogueShape } from './catalogue.js';
/** English strings shared by the server, the help center pages and the console. */
export const enUS = {
  errors: {
    validation_failed: 'The request is not valid: {{detail}}',
    not_found: 'The {{resource}} you asked for does not exist.',
    route_not_found: 'There is no endpoint {{method}} {{url}}.',
    unauthorized: 'Sign-in is required: send a valid token in the Authorization header.',
    forbidden: 'You are not allowed to do this.',
    invalid_locale: 'Unknown locale "{{locale}}". Use zh-cn or en-us.',
    conflict: '{{detail}}',
    payload_too_large: 'The request body is too large.',
    rate_limited: 'Too many requests. Try again in {{seconds}} seconds.',
    csrf_failed: 'This form has expired or was sent from another site. Reload the page and try again.',
    sign_in_required: 'Please sign in to continue.',
    invalid_credentials: 'The email address or password is incorrect.',
    token_invalid: 'This link is invalid, has already been used or has expired. Request a new one.',
    totp_invalid: 'The verification code is incorrect or has already been used. Wait for a new code and try again.',
    unsupported_media_type: 'Unsupported content type.',
    internal: 'Something went wrong on our side. The error has been logged; reference {{reference}}.',
    not_ready: 'The service is starting up or has lost its database connection.',
    content_invalid: 'Content file {{file}} is invalid: {{detail}}',
  },
  resources: {
    article: 'article',
    category: 'category',
    section: 'section',
    user: 'user',
    translation: 'translation',
    ticket: 'request',
    request_type: 'request type',
    attachment: 'attachment',
  },
  validation: {
    required: '{{field}} is required',
    too_short: '{{field}} must be at least {{min}} characters',
    too_long: '{{field}} must be at most {{max}} characters',
    invalid: '{{field}} is invalid',
  },
} as const;

export type Messages = CatalogueShape<typeof enUS>;
