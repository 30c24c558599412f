/**
 * Comments one step of the nightly backup reads by default: 10 listings and
 * 100 bulk reads, far under the 1,000 KV operations an invocation may make,
 * and about 20 MB of JSON at most, under the 128 MB an isolate may hold. Its
 * own file, free of Workers types, so the bench can read it too.
 */
export const defaultStepComments = 10_000
