/** The site's only stylesheet, served as /site.css so pages need no inline style. */
export const stylesheet = `
:root{--ink:#1a1a1a;--muted:#555;--paper:#fffdf8;--accent:#8a2d0b;--line:#ddd5c8;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:1.125rem/1.75 "Noto Serif Devanagari","Noto Sans Devanagari","Mukta","Hind","Kohinoor Devanagari","Mangal","Nirmala UI",Georgia,serif;overflow-wrap:anywhere}
main,header.site,footer.site{max-width:42rem;margin:0 auto;padding:0 1rem}
header.site,footer.site,main.wide{max-width:72rem}
img{max-width:100%;height:auto}
header.site{padding-top:.5rem}
header.site a{color:var(--ink);text-decoration:none;font-weight:700}
.masthead{display:flex;flex-wrap:wrap;align-items:center;gap:0 1.5rem;border-bottom:4px double var(--ink)}
.masthead .name{margin:0 auto 0 0;font-size:2.25rem;line-height:1.4}
form.search{margin:.5rem 0}form.search label{display:inline;margin:0}form.search input{width:11rem;max-width:55%}form.search button{margin:0}
nav.site ul,nav.sections ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 1rem}nav.site a{font-weight:400;color:var(--accent)}
nav.sections{border-bottom:1px solid var(--line)}nav.sections ul{gap:0 1.25rem}
nav.sections a{display:inline-block;padding:.3rem 0}nav.sections a:hover,nav.sections [aria-current]{box-shadow:inset 0 -3px var(--accent)}
main.wide>h1{font-size:1.25rem;margin:1.25rem 0 .75rem}
.cards{list-style:none;padding:0;margin:0 0 1rem;display:grid;gap:1.5rem}
.card{position:relative;display:flex;flex-direction:column;border-top:1px solid var(--line);padding-top:.75rem}
.card h2,.card h3{font-size:1.2rem;line-height:1.5;margin:0 0 .25rem}
.card h2 a,.card h3 a{color:var(--ink);text-decoration:none}.card a:hover{text-decoration:underline}
.card h2 a::after,.card h3 a::after{content:"";position:absolute;inset:0}
.card .meta{margin:0}.card .meta a{position:relative;z-index:1}
.card .pic{order:-1;width:100%;aspect-ratio:3/2;object-fit:cover;margin-bottom:.5rem;background:var(--line)}
.card .summary{margin:.5rem 0 0;max-width:40rem}.lead h2{font-size:1.6rem}
@media(max-width:39.9rem){.pictured:not(.lead){display:grid;grid-template-columns:1fr 6.5rem;align-content:start;column-gap:.75rem}.pictured:not(.lead) .pic{grid-column:2;grid-row:1/3;aspect-ratio:1;margin:0}}
@media(min-width:40rem){.cards{grid-template-columns:1fr 1fr}.cards .lead{grid-column:1/-1}}
@media(min-width:64rem){.cards{grid-template-columns:repeat(3,1fr)}.lead.pictured{display:grid;grid-template-columns:3fr 2fr;grid-template-rows:auto auto 1fr;column-gap:1.5rem}.lead .pic{grid-column:1;grid-row:1/4;margin:0}.lead h2{font-size:2rem}}
.cards.compact{grid-template-columns:repeat(auto-fill,minmax(12rem,1fr))}.compact h3{font-size:1.05rem}
.more{margin-top:2rem}
h1,h2,h3{line-height:1.4}
h1{font-size:1.75rem}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.meta{color:var(--muted);font-size:.95rem}
.standfirst{font-size:1.2rem;font-weight:600}
.tags{color:var(--muted);font-size:.95rem}.tags ul{display:inline;padding:0}.tags li{display:inline}.tags li+li::before{content:", "}
.tag-feeds{font-size:.85rem}.draft{border:2px dashed var(--muted);padding:.25rem .5rem}
.subscribe{border-top:1px solid var(--line);margin-top:2rem;font-size:.95rem}
.subscribe ul{padding-left:1.2rem}
.subscribe code{word-break:break-all}
ol.articles{list-style:none;padding:0}
ol.articles li{margin:1.5rem 0}
.comments ol{list-style:none;padding-left:0}
.comments ol ol{padding-left:1.25rem;border-left:3px solid var(--line)}
.comment{margin:1rem 0}
.comment .text pre{overflow-x:auto}
.preview{border:1px dashed #767676;padding:.75rem;margin:1rem 0;border-radius:4px}
.comment .text blockquote{margin:.5rem 0;padding-left:.75rem;border-left:3px solid var(--line)}
.notice{background:#eef6ee;border:1px solid #7a7;padding:.75rem;border-radius:4px}
.error{color:#a00000;font-size:.95rem}
form label{display:block;font-weight:600;margin-top:1rem}
form input,form textarea{width:100%;font:inherit;padding:.4rem;border:1px solid #767676;border-radius:3px}
form textarea{min-height:8rem}
form [aria-invalid="true"]{border:2px solid #a00000}
form button{margin-top:1rem;font:inherit;padding:.4rem 1.2rem;background:var(--accent);color:#fff;border:0;border-radius:3px;cursor:pointer}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:2rem 0}
.hp{position:absolute;left:-5000px;width:1px;height:1px;overflow:hidden}
.moderation .filter{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
.moderation .filter p{margin:0;flex:1 1 12rem}
form select{width:100%;font:inherit;padding:.4rem;border:1px solid #767676;border-radius:3px;background:#fff}
.moderation .bar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:0 1rem}
.moderation .sign-out button,.moderation .actions button{background:#fff;color:var(--accent);border:1px solid var(--accent)}
.moderation .bulk{border:1px solid var(--line);margin:1rem 0;padding:.5rem .75rem .75rem}
.moderation .bulk legend{font-weight:600}
.moderation .bulk button,.moderation .actions button{margin:.5rem .5rem 0 0}
.moderation button.delete{background:#a00000;color:#fff;border:0}
.moderation-list{list-style:none;padding:0}
.moderated{border-top:1px solid var(--line);padding:.75rem 0}
.moderated .select{margin:0}
.moderated .select label{display:inline;margin:0 0 0 .4rem}
.moderated input[type="checkbox"]{width:1.5rem;height:1.5rem;vertical-align:middle}
.moderated .facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.95rem;margin:.5rem 0}
.moderated .facts dt{color:var(--muted)}
.moderated .facts dd{margin:0}
.moderated .text{white-space:pre-wrap;background:#fff;border:1px solid var(--line);padding:.5rem}
footer.site{border-top:1px solid var(--line);margin-top:2rem;padding-bottom:2rem}
`
