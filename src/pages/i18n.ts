import type { FieldIssueCode } from '../comments/rules'
import type { IntakeReason } from '../http/comment-problems'

/** Interface text in each language the site ships; anything else falls back to English. */
const en = {
  skipToContent: 'Skip to content',
  latest: 'Latest articles',
  published: 'Published',
  updated: 'Updated',
  by: 'By',
  source: 'Source',
  tags: 'Tags',
  subscribe: 'Subscribe',
  subscribeHint: 'Paste one of these addresses into your feed reader.',
  articleFeeds: 'Articles',
  commentFeeds: 'Comments on this article',
  comments: 'Comments',
  noComments: 'No comments yet.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is no page at this address.',
  backHome: 'Back to the home page',
  readMore: 'Read the article',
  pages: 'More articles',
  newer: '← Newer articles',
  older: 'Older articles →',
  commentsClosed: 'Comments are closed for this article.',
  commentsUnavailable: 'Comments are unavailable right now. Please try again later.',
  leaveReply: 'Leave a Reply',
  replyTo: 'Reply to',
  reply: 'Reply',
  cancelReply: 'Cancel reply',
  emailNotice: 'Your email address will not be published. Required fields are marked',
  required: 'required',
  name: 'Name',
  email: 'Email',
  website: 'Website',
  comment: 'Comment',
  submit: 'Post Comment',
  honeypot: 'Leave this field empty',
  held: 'Thank you. Your comment is held for moderation and will appear once approved.',
  moreComments: 'Older comments are not shown here; read them all in the comment feed or JSON.',
  fieldErrors: {
    required: 'This field is required.',
    too_long: 'This is too long.',
    invalid_email: 'Enter a valid email address.',
    invalid_url: 'Enter an address starting with http:// or https://.',
    control_characters: 'Remove the control characters from this text.',
    single_line: 'Write this on a single line.',
    bidi_controls: 'Remove the text-direction control characters.',
    unknown_parent: 'The comment you are replying to is not available.',
    invalid_type: 'This field must be text.',
    turnstile_failed: 'The anti-spam check failed; please try again.',
  } satisfies Record<FieldIssueCode, string>,
  refusals: {
    malformed: 'The form could not be read. Please try again.',
    closed: 'This comment was refused.',
    cross_site: 'This comment was refused.',
    turnstile_failed: 'This comment was refused.',
    duplicate: 'You have already posted this comment.',
    too_large: 'The comment is too long to send.',
    unsupported_media_type: 'The form could not be read. Please try again.',
    invalid_fields: 'Your comment was not posted. Please correct the marked fields.',
    unknown_parent: 'Your comment was not posted. Please correct the marked fields.',
    moderation_queue_full:
      'Too many comments on this article are waiting for moderation. Please try again later; your text is kept below.',
    rate_limited: 'You are commenting too quickly. Please wait a few seconds and send again.',
    store_unavailable:
      'Comments cannot be saved right now. Please try again in a minute; your text is kept below.',
  } satisfies Record<IntakeReason, string>,
}

export type Messages = typeof en

const hi: Messages = {
  skipToContent: 'सामग्री पर जाएँ',
  latest: 'नवीनतम लेख',
  published: 'प्रकाशित',
  updated: 'अद्यतन',
  by: 'लेखक',
  source: 'स्रोत',
  tags: 'टैग',
  subscribe: 'सदस्यता लें',
  subscribeHint: 'इनमें से कोई पता अपने फ़ीड रीडर में डालें।',
  articleFeeds: 'लेख',
  commentFeeds: 'इस लेख पर टिप्पणियाँ',
  comments: 'टिप्पणियाँ',
  noComments: 'अभी कोई टिप्पणी नहीं।',
  notFoundTitle: 'पृष्ठ नहीं मिला',
  notFoundBody: 'इस पते पर कोई पृष्ठ नहीं है।',
  backHome: 'मुखपृष्ठ पर लौटें',
  readMore: 'लेख पढ़ें',
  pages: 'और लेख',
  newer: '← नए लेख',
  older: 'पुराने लेख →',
  commentsClosed: 'इस लेख पर टिप्पणियाँ बंद हैं।',
  commentsUnavailable: 'टिप्पणियाँ अभी उपलब्ध नहीं हैं। कृपया बाद में पुनः प्रयास करें।',
  leaveReply: 'अपनी टिप्पणी दें',
  replyTo: 'इसका उत्तर दें:',
  reply: 'उत्तर दें',
  cancelReply: 'उत्तर रद्द करें',
  emailNotice: 'आपका ईमेल पता प्रकाशित नहीं किया जाएगा। आवश्यक फ़ील्ड चिह्नित हैं',
  required: 'आवश्यक',
  name: 'नाम',
  email: 'ईमेल',
  website: 'वेबसाइट',
  comment: 'टिप्पणी',
  submit: 'टिप्पणी भेजें',
  honeypot: 'इस फ़ील्ड को खाली छोड़ें',
  held: 'धन्यवाद। आपकी टिप्पणी मॉडरेशन के लिए रोकी गई है और स्वीकृत होने पर दिखाई देगी।',
  moreComments: 'पुरानी टिप्पणियाँ यहाँ नहीं दिखाई गईं; सभी टिप्पणियाँ टिप्पणी फ़ीड या JSON में पढ़ें।',
  fieldErrors: {
    required: 'यह फ़ील्ड आवश्यक है।',
    too_long: 'यह बहुत लंबा है।',
    invalid_email: 'एक मान्य ईमेल पता दर्ज करें।',
    invalid_url: 'http:// या https:// से शुरू होने वाला पता दर्ज करें।',
    control_characters: 'इस पाठ से नियंत्रण वर्ण हटाएँ।',
    single_line: 'इसे एक ही पंक्ति में लिखें।',
    bidi_controls: 'पाठ-दिशा नियंत्रण वर्ण हटाएँ।',
    unknown_parent: 'जिस टिप्पणी का आप उत्तर दे रहे हैं वह उपलब्ध नहीं है।',
    invalid_type: 'यह फ़ील्ड पाठ होना चाहिए।',
    turnstile_failed: 'स्पैम-रोधी जाँच विफल रही; कृपया पुनः प्रयास करें।',
  },
  refusals: {
    malformed: 'फ़ॉर्म पढ़ा नहीं जा सका। कृपया पुनः प्रयास करें।',
    closed: 'यह टिप्पणी अस्वीकार कर दी गई।',
    cross_site: 'यह टिप्पणी अस्वीकार कर दी गई।',
    turnstile_failed: 'यह टिप्पणी अस्वीकार कर दी गई।',
    duplicate: 'आप यह टिप्पणी पहले ही भेज चुके हैं।',
    too_large: 'टिप्पणी भेजने के लिए बहुत लंबी है।',
    unsupported_media_type: 'फ़ॉर्म पढ़ा नहीं जा सका। कृपया पुनः प्रयास करें।',
    invalid_fields: 'आपकी टिप्पणी नहीं भेजी गई। कृपया चिह्नित फ़ील्ड ठीक करें।',
    unknown_parent: 'आपकी टिप्पणी नहीं भेजी गई। कृपया चिह्नित फ़ील्ड ठीक करें।',
    moderation_queue_full:
      'इस लेख पर बहुत सी टिप्पणियाँ मॉडरेशन की प्रतीक्षा में हैं। कृपया बाद में पुनः प्रयास करें; आपका पाठ नीचे सुरक्षित है।',
    rate_limited: 'आप बहुत जल्दी टिप्पणी कर रहे हैं। कृपया कुछ सेकंड रुककर फिर भेजें।',
    store_unavailable:
      'टिप्पणियाँ अभी सहेजी नहीं जा सकतीं। कृपया एक मिनट बाद पुनः प्रयास करें; आपका पाठ नीचे सुरक्षित है।',
  },
}

const catalogue: Record<string, Messages> = { en, hi }

/** The messages for a BCP 47 tag, by its primary language subtag. */
export function messagesFor(language: string): Messages {
  return catalogue[language.split('-')[0]?.toLowerCase() ?? 'en'] ?? en
}

/** A date in the reader's language, in UTC so every isolate renders the same bytes. */
export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso),
  )
}
