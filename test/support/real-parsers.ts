/**
 * Feed parsers nobody on this project wrote, run offline on a feed saved to a file, each
 * answering what a reader built on it would show: the feed title, and per item the title
 * and author as text and the body as the HTML it hands on. Debian packages: php-cli
 * php-xml php-mbstring libphp-simplepie (SimplePie, what FreshRSS and WordPress embed),
 * libxml-feed-perl (Perl XML::Feed), sfeed; and rss-parser from npm.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import Parser from 'rss-parser'

export interface ReadItem {
  title: string
  author: string
  /** The body as the parser hands it on: HTML. */
  html: string
}

export interface ReadFeed {
  /** null where the parser does not report one (sfeed). */
  title: string | null
  items: ReadItem[]
}

export interface RealParser {
  name: string
  read(file: string): Promise<ReadFeed>
}

// SimplePie returns titles and names as HTML for the page: decoding them once is what a
// reader shows. In bodies it writes every non-ASCII character as a reference (&#2346;,
// &zwj;); those are turned back into characters, the escapes of markup are left as they
// are. The Debian package is 1.3.1, whose date parser breaks on PHP 8, so items are read
// in document order, undated.
const simplePieScript = `
error_reporting(E_ALL & ~E_DEPRECATED);
require '/usr/share/php/simplepie/autoloader.php';
$text = fn($html) => html_entity_decode($html, ENT_QUOTES | ENT_HTML5, 'UTF-8');
$chars = fn($html) => preg_replace_callback('/&(?!(?:amp|lt|gt|quot|apos);)#?\\w+;/', fn($m) => $text($m[0]), $html);
$feed = new SimplePie();
$feed->set_raw_data(file_get_contents($argv[1]));
$feed->enable_cache(false);
$feed->enable_order_by_date(false);
if (!$feed->init()) { fwrite(STDERR, print_r($feed->error(), true)); exit(1); }
$items = [];
foreach ($feed->get_items() as $item) {
  $items[] = ['title' => $text($item->get_title()), 'author' => $text($item->get_author()->get_name()), 'html' => $chars($item->get_content())];
}
echo json_encode(['title' => $text($feed->get_title()), 'items' => $items], JSON_UNESCAPED_UNICODE);
`

// XML::Atom hands out UTF-8 bytes unless told otherwise.
const xmlFeedScript = `
use strict; use warnings; use XML::Feed; use JSON::PP;
$XML::Atom::ForceUnicode = 1;
my $feed = XML::Feed->parse($ARGV[0]) or die XML::Feed->errstr;
my @items = map { { title => $_->title, author => $_->author, html => $_->content->body } } $feed->entries;
print JSON::PP->new->utf8->encode({ title => $feed->title, items => \\@items });
`

/** Undoes sfeed's escaping of its content field: `\\n`, `\\t` and `\\\\`. */
function sfeedUnescape(field: string): string {
  return field.replace(/\\([nt\\])/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\' })[c] ?? c)
}

export const realParsers: RealParser[] = [
  {
    name: 'SimplePie (php-cli)',
    read: async (file) =>
      JSON.parse(execFileSync('php', ['-r', simplePieScript, file], { encoding: 'utf8' })),
  },
  {
    name: 'Perl XML::Feed',
    read: async (file) =>
      JSON.parse(execFileSync('perl', ['-e', xmlFeedScript, file], { encoding: 'utf8' })),
  },
  {
    name: 'sfeed',
    read: async (file) => {
      const tsv = execFileSync('sfeed', { input: readFileSync(file), encoding: 'utf8' })
      const items = tsv
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [, title = '', , content = '', , , author = ''] = line.split('\t')
          return { title, author, html: sfeedUnescape(content) }
        })
      return { title: null, items }
    },
  },
  {
    name: 'rss-parser (npm)',
    read: async (file) => {
      const feed = await new Parser().parseString(readFileSync(file, 'utf8'))
      return {
        title: feed.title ?? null,
        items: feed.items.map((item) => ({
          title: item.title ?? '',
          // RSS: dc:creator; Atom: author/name.
          author: item.creator ?? (item as { author?: string }).author ?? '',
          html: (item as { 'content:encoded'?: string })['content:encoded'] ?? item.content ?? '',
        })),
      }
    },
  },
]
