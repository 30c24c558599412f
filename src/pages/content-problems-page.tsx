/**
 * The page `npm start` answers while the content is invalid: the build's
 * problems, each naming its file and line and what to write instead. For the
 * publisher at their own machine, so in English and without the site's layout
 * (the settings it needs may be what is broken).
 */
export function ContentProblemsPage(props: { problems: readonly string[] }) {
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>The content does not build</title>
        <link rel="stylesheet" href="/site.css" />
      </head>
      <body>
        <main id="main">
          <h1>The content does not build</h1>
          <p>
            Fix {props.problems.length === 1 ? 'this problem' : 'these problems'} and save the file:
            the dev server builds again, and this page shows the site once the content is valid.
          </p>
          <ul>
            {props.problems.map((problem) => (
              <li>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  )
}
