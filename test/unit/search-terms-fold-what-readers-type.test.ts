import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseQuery } from '../../src/search/query'
import { fold, termsOf } from '../../src/search/terms'
import { seed } from '../support/seed'

// Every word below is taken from the seed article, so the rules are held to real Hindi text.
const seedText = [seed.title, seed.summary, ...seed.body].join(' ')
const seedTerms = new Set(termsOf(seedText))
const found = (typed: string) => termsOf(typed).every((term) => seedTerms.has(term))

describe('search terms fold what readers type', () => {
  it('splits Devanagari text into words at spaces and punctuation', () => {
    assert.deepEqual(termsOf('‘आर्ट वॉशिंग’ का विरोध।'), ['आर्ट', 'वाशिंग', 'का', 'विरोध'])
  })

  it('folds Latin case: OpenAI is found as openai', () => {
    assert.ok(seedText.includes('OpenAI'))
    assert.ok(found('openai') && found('OPENAI'))
  })

  it('folds the combining nukta: बढ़ती (ड + U+093C) is found as बढती', () => {
    assert.ok(seedText.includes('बढ़ती'))
    assert.ok(found('बढती'))
  })

  it('folds the precomposed nukta letters U+0958–U+095F to their base', () => {
    assert.equal(fold('\u095c\u095e\u0958'), 'डफक')
    // The seed's publisher, फ़र्स्टपोस्ट, typed with the precomposed फ़ (U+095E), with
    // फ + U+093C, and without any nukta.
    const spellings = ['\u095eर्स्टपोस्ट', 'फ\u093cर्स्टपोस्ट', 'फर्स्टपोस्ट'].map(fold)
    assert.deepEqual(new Set(spellings).size, 1)
  })

  it('folds chandrabindu into anusvara: हालाँकि is found as हालांकि', () => {
    assert.ok(seedText.includes('हालाँकि'))
    assert.ok(found('हालांकि'))
  })

  it('folds the candra o of loanwords: कॉपीराइट is found as कापीराइट', () => {
    assert.ok(seedText.includes('कॉपीराइट'))
    assert.ok(found('कापीराइट'))
    assert.equal(fold('ऑ ऍ ॅ'), fold('आ ए े'))
  })

  it('drops zero-width joiners inside a word rather than splitting it', () => {
    assert.deepEqual(termsOf('क्\u200dष'), ['क्ष'])
  })

  it('keeps the virama: क्या and कया stay two words', () => {
    assert.notEqual(fold('क्या'), fold('कया'))
  })

  it('composes to NFC first, so decomposed input matches', () => {
    assert.equal(fold('e\u0301'), fold('\u00e9'))
  })

  it('caps queries at 100 characters and 8 terms', () => {
    assert.deepEqual(parseQuery('a'.repeat(101)), { kind: 'too_long' })
    const many = parseQuery('a b c d e f g h i j')
    assert.ok(many.kind === 'terms' && many.terms.length === 8 && many.capped)
    assert.deepEqual(parseQuery(' … '), { kind: 'empty' })
  })
})
