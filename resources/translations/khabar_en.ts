<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Khabar</source>
        <translation>About Khabar</translation>
    </message>
    <message>
        <source>Khabar (خبر)</source>
        <translation>Khabar (خبر)</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>An offline news reader, Arabic first.</source>
        <translation>An offline news reader, Arabic first.</translation>
    </message>
    <message>
        <source>Khabar is free software under the GNU General Public License, version 3 or later (GPL-3.0-or-later).</source>
        <translation>Khabar is free software under the GNU General Public License, version 3 or later (GPL-3.0-or-later).</translation>
    </message>
    <message>
        <source>Its bundled fonts, Noto Naskh Arabic and Noto Sans Arabic, are under the SIL Open Font License 1.1.</source>
        <translation>Its bundled fonts, Noto Naskh Arabic and Noto Sans Arabic, are under the SIL Open Font License 1.1.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Data folder:</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>&amp;Bookmark</translation>
    </message>
    <message>
        <source>&amp;Read</source>
        <translation>&amp;Read</translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation>&amp;Open in browser</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>&amp;Next article</translation>
    </message>
    <message>
        <source>&amp;Previous article</source>
        <translation>&amp;Previous article</translation>
    </message>
    <message>
        <source>Next &amp;unread article</source>
        <translation>Next &amp;unread article</translation>
    </message>
    <message>
        <source>Scroll or next article</source>
        <translation>Scroll or next article</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>&amp;Larger text</translation>
    </message>
    <message>
        <source>S&amp;maller text</source>
        <translation>S&amp;maller text</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>Mark &amp;all read</translation>
    </message>
    <message>
        <source>&amp;Add source…</source>
        <translation>&amp;Add source…</translation>
    </message>
    <message>
        <source>&amp;Import sources (OPML)…</source>
        <translation>&amp;Import sources (OPML)…</translation>
    </message>
    <message>
        <source>&amp;Export sources (OPML)…</source>
        <translation>&amp;Export sources (OPML)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <source>&amp;About Khabar</source>
        <translation>&amp;About Khabar</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Sync &amp;activity</source>
        <translation>Sync &amp;activity</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Article</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
</context>
<context>
    <name>ActivityPanel</name>
    <message>
        <source>Sync activity</source>
        <translation>Sync activity</translation>
    </message>
    <message>
        <source>No sync yet.</source>
        <translation>No sync yet.</translation>
    </message>
    <message>
        <source>Sync summary</source>
        <translation>Sync summary</translation>
    </message>
    <message>
        <source>Sources of the sync</source>
        <translation>Sources of the sync</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n source(s)…</source>
        <translation>
            <numerusform>Syncing %n source…</numerusform>
            <numerusform>Syncing %n sources…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Syncing: %1 of %n source(s) done…</source>
        <translation>
            <numerusform>Syncing: %1 of %n source done…</numerusform>
            <numerusform>Syncing: %1 of %n sources done…</numerusform>
        </translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>Not due</translation>
    </message>
    <message>
        <source>Took %1.</source>
        <translation>Took %1.</translation>
    </message>
    <message>
        <source>Not synced</source>
        <translation>Not synced</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Nothing to sync: no source is due.</source>
        <translation>Nothing to sync: no source is due.</translation>
    </message>
    <message numerus="yes">
        <source>Offline: none of the %n source(s) could be reached; showing what is saved.</source>
        <translation>
            <numerusform>Offline: the source could not be reached; showing what is saved.</numerusform>
            <numerusform>Offline: none of the %n sources could be reached; showing what is saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %n source(s)</source>
        <translation>
            <numerusform>Synced %n source</numerusform>
            <numerusform>Synced %n sources</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is &quot;Synced 12 sources&quot;, %2 the counts joined by &quot;, &quot;.</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <source>Add a source</source>
        <translation>Add a source</translation>
    </message>
    <message>
        <source>https://example.com/feed.xml or any page of the site</source>
        <translation>https://example.com/feed.xml or any page of the site</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Web address</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>No category</translation>
    </message>
    <message>
        <source>The feed&apos;s own title</source>
        <translation>The feed&apos;s own title</translation>
    </message>
    <message>
        <source>Title (optional)</source>
        <translation>Title (optional)</translation>
    </message>
    <message>
        <source>&amp;Web address:</source>
        <translation>&amp;Web address:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>&amp;Title (optional):</source>
        <translation>&amp;Title (optional):</translation>
    </message>
    <message>
        <source>Looking for the feed</source>
        <translation>Looking for the feed</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Looking for the feed at %1…</source>
        <translation>Looking for the feed at %1…</translation>
    </message>
    <message>
        <source>Type the address of a feed, or of any page of the site.</source>
        <translation>Type the address of a feed, or of any page of the site.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>“%1” is not a web address.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was added.</source>
        <translation>Cancelled: nothing was added.</translation>
    </message>
    <message>
        <source>Khabar could not start its helper: %1</source>
        <translation>Khabar could not start its helper: %1</translation>
    </message>
    <message>
        <source>Adding the source failed unexpectedly (status %1).</source>
        <translation>Adding the source failed unexpectedly (status %1).</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>{title}, {source}, {when}</source>
        <translation>{title}, {source}, {when}</translation>
    </message>
    <message>
        <source>{article}, unread</source>
        <translation>{article}, unread</translation>
    </message>
    <message>
        <source>{article}, bookmarked</source>
        <translation>{article}, bookmarked</translation>
    </message>
</context>
<context>
    <name>ArticleListView</name>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Open the original page</source>
        <translation>Open the original page</translation>
    </message>
    <message>
        <source>The article&apos;s page could not be read in full; this is the text its feed gave.</source>
        <translation>The article&apos;s page could not be read in full; this is the text its feed gave.</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>A category needs a name.</source>
        <translation>A category needs a name.</translation>
    </message>
    <message>
        <source>A page holds at least one article.</source>
        <translation>A page holds at least one article.</translation>
    </message>
    <message>
        <source>A source needs a name.</source>
        <translation>A source needs a name.</translation>
    </message>
    <message>
        <source>A sync of this library is running already; wait for it to end.</source>
        <translation>A sync of this library is running already; wait for it to end.</translation>
    </message>
    <message>
        <source>An image could not be saved in the cache: {reason}.</source>
        <translation>An image could not be saved in the cache: {reason}.</translation>
    </message>
    <message>
        <source>Could not connect to {where}: it did not answer in time.</source>
        <translation>Could not connect to {where}: it did not answer in time.</translation>
    </message>
    <message>
        <source>Could not connect to {where}; check the address and the connection.</source>
        <translation>Could not connect to {where}; check the address and the connection.</translation>
    </message>
    <message>
        <source>Downloading from {where} failed ({kind}).</source>
        <translation>Downloading from {where} failed ({kind}).</translation>
    </message>
    <message>
        <source>Keep articles for at least one day.</source>
        <translation>Keep articles for at least one day.</translation>
    </message>
    <message>
        <source>Khabar cannot create its data folder {folder}: {reason}</source>
        <translation>Khabar cannot create its data folder {folder}: {reason}</translation>
    </message>
    <message>
        <source>Khabar could not create {path}: {reason}.</source>
        <translation>Khabar could not create {path}: {reason}.</translation>
    </message>
    <message>
        <source>Khabar could not understand this search. Try plain words.</source>
        <translation>Khabar could not understand this search. Try plain words.</translation>
    </message>
    <message>
        <source>Khabar failed on this source ({kind}: {error}).</source>
        <translation>Khabar failed on this source ({kind}: {error}).</translation>
    </message>
    <message>
        <source>No article text was found on the page.</source>
        <translation>No article text was found on the page.</translation>
    </message>
    <message>
        <source>Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses} and {more} more.</source>
        <translation>Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses} and {more} more.</translation>
    </message>
    <message>
        <source>Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses}.</source>
        <translation>Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses}.</translation>
    </message>
    <message>
        <source>Say what to look for, not only what to leave out: add a word without a minus sign.</source>
        <translation>Say what to look for, not only what to leave out: add a word without a minus sign.</translation>
    </message>
    <message>
        <source>The OPML file has no &lt;body&gt; section, so it lists no feeds.</source>
        <translation>The OPML file has no &lt;body&gt; section, so it lists no feeds.</translation>
    </message>
    <message>
        <source>The OPML file is empty.</source>
        <translation>The OPML file is empty.</translation>
    </message>
    <message>
        <source>The OPML file is larger than 20 MB, far more than any list of feeds needs, so Khabar did not read it.</source>
        <translation>The OPML file is larger than 20 MB, far more than any list of feeds needs, so Khabar did not read it.</translation>
    </message>
    <message>
        <source>The OPML file is nested more than {depth} levels deep, which no list of feeds needs, so Khabar refused it.</source>
        <translation>The OPML file is nested more than {depth} levels deep, which no list of feeds needs, so Khabar refused it.</translation>
    </message>
    <message>
        <source>The OPML file is not valid UTF-8 text: line {line} holds bytes that cannot be read.</source>
        <translation>The OPML file is not valid UTF-8 text: line {line} holds bytes that cannot be read.</translation>
    </message>
    <message>
        <source>The OPML file is not well-formed XML (on line {line}, the XML reader reports “{reason}”).</source>
        <translation>The OPML file is not well-formed XML (on line {line}, the XML reader reports “{reason}”).</translation>
    </message>
    <message>
        <source>The OPML file uses XML entities or a DTD (a &lt;!DOCTYPE&gt; section), which Khabar refuses for safety.</source>
        <translation>The OPML file uses XML entities or a DTD (a &lt;!DOCTYPE&gt; section), which Khabar refuses for safety.</translation>
    </message>
    <message>
        <source>The article page could not be read.</source>
        <translation>The article page could not be read.</translation>
    </message>
    <message>
        <source>The article page is too large to be read.</source>
        <translation>The article page is too large to be read.</translation>
    </message>
    <message>
        <source>The article&apos;s HTML could not be cleaned.</source>
        <translation>The article&apos;s HTML could not be cleaned.</translation>
    </message>
    <message>
        <source>The disk is full: the library could not be saved. Free some space.</source>
        <translation>The disk is full: the library could not be saved. Free some space.</translation>
    </message>
    <message>
        <source>The library could not be used: {reason}</source>
        <translation>The library could not be used: {reason}</translation>
    </message>
    <message>
        <source>The library could not be written to the disk (is it full or failing?); nothing saved before was lost.</source>
        <translation>The library could not be written to the disk (is it full or failing?); nothing saved before was lost.</translation>
    </message>
    <message>
        <source>The library file is damaged and cannot be read.</source>
        <translation>The library file is damaged and cannot be read.</translation>
    </message>
    <message>
        <source>The library is busy: another program is writing to it. Try again in a moment.</source>
        <translation>The library is busy: another program is writing to it. Try again in a moment.</translation>
    </message>
    <message>
        <source>The library is read-only: Khabar cannot save changes to it.</source>
        <translation>The library is read-only: Khabar cannot save changes to it.</translation>
    </message>
    <message>
        <source>The library numbered new articles unexpectedly; nothing was stored.</source>
        <translation>The library numbered new articles unexpectedly; nothing was stored.</translation>
    </message>
    <message>
        <source>The library {path} cannot be put in WAL mode.</source>
        <translation>The library {path} cannot be put in WAL mode.</translation>
    </message>
    <message>
        <source>The page is empty or is not HTML.</source>
        <translation>The page is empty or is not HTML.</translation>
    </message>
    <message>
        <source>The program reading this source crashed; it was skipped.</source>
        <translation>The program reading this source crashed; it was skipped.</translation>
    </message>
    <message>
        <source>The proxy refused the request to {where}.</source>
        <translation>The proxy refused the request to {where}.</translation>
    </message>
    <message>
        <source>The search has too many words ({count}): use at most {limit}.</source>
        <translation>The search has too many words ({count}): use at most {limit}.</translation>
    </message>
    <message>
        <source>The search is too long ({length:,} characters): use at most {limit} characters.</source>
        <translation>The search is too long ({length:,} characters): use at most {limit} characters.</translation>
    </message>
    <message>
        <source>The server answered 304 to a request without validators.</source>
        <translation>The server answered 304 to a request without validators.</translation>
    </message>
    <message>
        <source>The server sent an empty answer instead of a feed.</source>
        <translation>The server sent an empty answer instead of a feed.</translation>
    </message>
    <message>
        <source>There is already a category called “{name}”.</source>
        <translation>There is already a category called “{name}”.</translation>
    </message>
    <message>
        <source>There is no article number {number}.</source>
        <translation>There is no article number {number}.</translation>
    </message>
    <message>
        <source>There is no category called “{name}”.</source>
        <translation>There is no category called “{name}”.</translation>
    </message>
    <message>
        <source>There is no category number {number}.</source>
        <translation>There is no category number {number}.</translation>
    </message>
    <message>
        <source>There is no source number {number}.</source>
        <translation>There is no source number {number}.</translation>
    </message>
    <message>
        <source>These articles were prepared by another version of Khabar; prepare them again.</source>
        <translation>These articles were prepared by another version of Khabar; prepare them again.</translation>
    </message>
    <message>
        <source>These words are too common to search by (such as في, من, the): add a more specific word.</source>
        <translation>These words are too common to search by (such as في, من, the): add a more specific word.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it does not start with an object.</source>
        <translation>This JSON feed could not be read: it does not start with an object.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it is not valid JSON (line {line}, column {column}).</source>
        <translation>This JSON feed could not be read: it is not valid JSON (line {line}, column {column}).</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it is not valid JSON.</source>
        <translation>This JSON feed could not be read: it is not valid JSON.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it is not written in UTF-8.</source>
        <translation>This JSON feed could not be read: it is not written in UTF-8.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: its items are not a list.</source>
        <translation>This JSON feed could not be read: its items are not a list.</translation>
    </message>
    <message>
        <source>This JSON file is not a JSON Feed of a version Khabar can read.</source>
        <translation>This JSON file is not a JSON Feed of a version Khabar can read.</translation>
    </message>
    <message>
        <source>This JSON file is not a JSON Feed: it has no version and no items.</source>
        <translation>This JSON file is not a JSON Feed: it has no version and no items.</translation>
    </message>
    <message>
        <source>This address gives a web page or a file, not a news feed.</source>
        <translation>This address gives a web page or a file, not a news feed.</translation>
    </message>
    <message>
        <source>This feed could not be read ({kind}).</source>
        <translation>This feed could not be read ({kind}).</translation>
    </message>
    <message>
        <source>This feed could not be read: it is not well-formed.</source>
        <translation>This feed could not be read: it is not well-formed.</translation>
    </message>
    <message>
        <source>This feed could not be read: {reason}.</source>
        <translation>This feed could not be read: {reason}.</translation>
    </message>
    <message>
        <source>This is not an OPML file: it starts with &lt;{tag}&gt; instead of &lt;opml&gt;.</source>
        <translation>This is not an OPML file: it starts with &lt;{tag}&gt; instead of &lt;opml&gt;.</translation>
    </message>
    <message>
        <source>This library was written by a newer version of Khabar (library format {version}; this version reads up to {latest}). Update Khabar to open it; the file has not been changed.</source>
        <translation>This library was written by a newer version of Khabar (library format {version}; this version reads up to {latest}). Update Khabar to open it; the file has not been changed.</translation>
    </message>
    <message>
        <source>Type a word to search for.</source>
        <translation>Type a word to search for.</translation>
    </message>
    <message>
        <source>{path} is an SQLite file, but not a Khabar library.</source>
        <translation>{path} is an SQLite file, but not a Khabar library.</translation>
    </message>
    <message>
        <source>{path} is not a Khabar library ({reason}).</source>
        <translation>{path} is not a Khabar library ({reason}).</translation>
    </message>
    <message>
        <source>{url} did not give an image Khabar can show.</source>
        <translation>{url} did not give an image Khabar can show.</translation>
    </message>
    <message>
        <source>{url} is a web page, and no feed could be found on it or at the usual addresses; give the address of the site&apos;s RSS or Atom feed.</source>
        <translation>{url} is a web page, and no feed could be found on it or at the usual addresses; give the address of the site&apos;s RSS or Atom feed.</translation>
    </message>
    <message>
        <source>{url} is already a source (number {number}).</source>
        <translation>{url} is already a source (number {number}).</translation>
    </message>
    <message>
        <source>{where} answered {code} {reason}.</source>
        <translation>{where} answered {code} {reason}.</translation>
    </message>
    <message>
        <source>{where} asked Khabar to wait until {until} UTC.</source>
        <translation>{where} asked Khabar to wait until {until} UTC.</translation>
    </message>
    <message>
        <source>{where} broke off the connection or answered in a way that could not be read.</source>
        <translation>{where} broke off the connection or answered in a way that could not be read.</translation>
    </message>
    <message>
        <source>{where} is busy and asked Khabar to wait ({code}).</source>
        <translation>{where} is busy and asked Khabar to wait ({code}).</translation>
    </message>
    <message>
        <source>{where} is busy and asked Khabar to wait until {until} UTC ({code}).</source>
        <translation>{where} is busy and asked Khabar to wait until {until} UTC ({code}).</translation>
    </message>
    <message>
        <source>{where} redirected more than {limit} times; the address may be wrong.</source>
        <translation>{where} redirected more than {limit} times; the address may be wrong.</translation>
    </message>
    <message>
        <source>{where} says this feed is gone for good (410).</source>
        <translation>{where} says this feed is gone for good (410).</translation>
    </message>
    <message>
        <source>{where} sent a compressed answer that could not be decompressed.</source>
        <translation>{where} sent a compressed answer that could not be decompressed.</translation>
    </message>
    <message>
        <source>{where} sent a compressed answer that could not be read.</source>
        <translation>{where} sent a compressed answer that could not be read.</translation>
    </message>
    <message>
        <source>{where} sent a compression Khabar cannot read ({encoding}).</source>
        <translation>{where} sent a compression Khabar cannot read ({encoding}).</translation>
    </message>
    <message>
        <source>{where} sent more than {megabytes} MB; the download was stopped.</source>
        <translation>{where} sent more than {megabytes} MB; the download was stopped.</translation>
    </message>
    <message>
        <source>{where} stopped answering in the middle of a download.</source>
        <translation>{where} stopped answering in the middle of a download.</translation>
    </message>
    <message>
        <source>{where} took longer than {seconds:g} seconds to answer.</source>
        <translation>{where} took longer than {seconds:g} seconds to answer.</translation>
    </message>
    <message>
        <source>“{url}” is not a valid web address.</source>
        <translation>“{url}” is not a valid web address.</translation>
    </message>
    <message>
        <source>“{url}” is not a web address Khabar can fetch.</source>
        <translation>“{url}” is not a web address Khabar can fetch.</translation>
    </message>
    <message>
        <source>“{url}” is not a web address: give one that starts with http:// or https://.</source>
        <translation>“{url}” is not a web address: give one that starts with http:// or https://.</translation>
    </message>
    <message>
        <source>“{word}” is too short to search by its beginning: give at least two letters before the *.</source>
        <translation>“{word}” is too short to search by its beginning: give at least two letters before the *.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Khabar</source>
        <translation>Khabar</translation>
    </message>
    <message>
        <source>Search (/)</source>
        <translation>Search (/)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Everywhere</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>Search in</translation>
    </message>
    <message>
        <source>Sync activity</source>
        <translation>Sync activity</translation>
    </message>
    <message>
        <source>Khabar opens only web links (http and https): %1</source>
        <translation>Khabar opens only web links (http and https): %1</translation>
    </message>
    <message>
        <source>No bookmarks yet: press S on an article to keep it.</source>
        <translation>No bookmarks yet: press S on an article to keep it.</translation>
    </message>
    <message>
        <source>No articles here yet.</source>
        <translation>No articles here yet.</translation>
    </message>
    <message>
        <source>Choose an article to read it.</source>
        <translation>Choose an article to read it.</translation>
    </message>
    <message>
        <source>Bookmarked.</source>
        <translation>Bookmarked.</translation>
    </message>
    <message>
        <source>Bookmark removed.</source>
        <translation>Bookmark removed.</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Mark all read</translation>
    </message>
    <message>
        <source>Mark every article shown here read?</source>
        <translation>Mark every article shown here read?</translation>
    </message>
    <message>
        <source>No more unread articles here.</source>
        <translation>No more unread articles here.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) found.</source>
        <translation>
            <numerusform>%n article found.</numerusform>
            <numerusform>%n articles found.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>Nothing found.</translation>
    </message>
    <message>
        <source>A sync is running already.</source>
        <translation>A sync is running already.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Offline: showing what is saved.</source>
        <translation>Offline: showing what is saved.</translation>
    </message>
    <message numerus="yes">
        <source>Synced: %n new article(s).</source>
        <translation>
            <numerusform>Synced: %n new article.</numerusform>
            <numerusform>Synced: %n new articles.</numerusform>
        </translation>
    </message>
    <message>
        <source>In the selected view</source>
        <translation>In the selected view</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) failed.</source>
        <translation>
            <numerusform>%n source failed.</numerusform>
            <numerusform>%n sources failed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>The new interface language applies when Khabar starts again.</source>
        <translation>The new interface language applies when Khabar starts again.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>yesterday</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchRunner</name>
    <message>
        <source>The search could not be run.</source>
        <translation>The search could not be run.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>Sync every (minutes, 0 for never)</source>
        <translation>Sync every (minutes, 0 for never)</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Sync &amp;every:</translation>
    </message>
    <message>
        <source>Sync when Khabar &amp;starts</source>
        <translation>Sync when Khabar &amp;starts</translation>
    </message>
    <message>
        <source>Fetch the &amp;whole article when a feed gives only a summary</source>
        <translation>Fetch the &amp;whole article when a feed gives only a summary</translation>
    </message>
    <message>
        <source>Save &amp;images for reading offline</source>
        <translation>Save &amp;images for reading offline</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Keep everything</source>
        <translation>Keep everything</translation>
    </message>
    <message>
        <source>Keep articles for (days; 0 keeps them forever)</source>
        <translation>Keep articles for (days; 0 keeps them forever)</translation>
    </message>
    <message>
        <source>&amp;Keep articles for:</source>
        <translation>&amp;Keep articles for:</translation>
    </message>
    <message>
        <source>Bookmarked articles are always kept.</source>
        <translation>Bookmarked articles are always kept.</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>Reading font</source>
        <translation>Reading font</translation>
    </message>
    <message>
        <source>%1 (bundled)</source>
        <translation>%1 (bundled)</translation>
    </message>
    <message>
        <source>Reading &amp;font:</source>
        <translation>Reading &amp;font:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Reading size (points)</source>
        <translation>Reading size (points)</translation>
    </message>
    <message>
        <source>Reading si&amp;ze:</source>
        <translation>Reading si&amp;ze:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Mark as read after (seconds)</source>
        <translation>Mark as read after (seconds)</translation>
    </message>
    <message>
        <source>&amp;Mark as read after:</source>
        <translation>&amp;Mark as read after:</translation>
    </message>
    <message>
        <source>How long an article stays open before it counts as read.</source>
        <translation>How long an article stays open before it counts as read.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Theme:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <source>A new language applies after a restart.</source>
        <translation>A new language applies after a restart.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>All articles</source>
        <translation>All articles</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <source>Sources and views</source>
        <translation>Sources and views</translation>
    </message>
    <message>
        <source>Turned off: syncing skips this source.</source>
        <translation>Turned off: syncing skips this source.</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n unread</numerusform>
            <numerusform>%1, %n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>Uncategorized</source>
        <translation>Uncategorized</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Mark all read</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Move to category…</source>
        <translation>Move to category…</translation>
    </message>
    <message>
        <source>Sync category</source>
        <translation>Sync category</translation>
    </message>
    <message>
        <source>Rename category…</source>
        <translation>Rename category…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remove…</translation>
    </message>
</context>
<context>
    <name>SourceCommands</name>
    <message>
        <source>Rename source</source>
        <translation>Rename source</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>Move source</source>
        <translation>Move source</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>Remove source</translation>
    </message>
    <message>
        <source>Remove “%1” and its articles? Bookmarked articles stay.</source>
        <translation>Remove “%1” and its articles? Bookmarked articles stay.</translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation>Rename category</translation>
    </message>
    <message>
        <source>Import sources</source>
        <translation>Import sources</translation>
    </message>
    <message>
        <source>OPML files (*.opml *.xml);;All files (*)</source>
        <translation>OPML files (*.opml *.xml);;All files (*)</translation>
    </message>
    <message>
        <source>Export sources</source>
        <translation>Export sources</translation>
    </message>
    <message>
        <source>OPML files (*.opml)</source>
        <translation>OPML files (*.opml)</translation>
    </message>
    <message>
        <source>Sources exported.</source>
        <translation>Sources exported.</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) added.</source>
        <translation>
            <numerusform>%n source added.</numerusform>
            <numerusform>%n sources added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there.</source>
        <translation>
            <numerusform>%n already there.</numerusform>
            <numerusform>%n already there.</numerusform>
        </translation>
    </message>
    <message>
        <source>Khabar</source>
        <translation>Khabar</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>No source could be reached: everything saved stays readable.</source>
        <translation>No source could be reached: everything saved stays readable.</translation>
    </message>
    <message>
        <source>%v of %m sources</source>
        <translation>%v of %m sources</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel the sync</source>
        <translation>Cancel the sync</translation>
    </message>
</context>
<context>
    <name>SyncWorker</name>
    <message>
        <source>Khabar could not start its sync program: %1</source>
        <translation>Khabar could not start its sync program: %1</translation>
    </message>
    <message>
        <source>The sync was stopped; the articles it had saved are kept.</source>
        <translation>The sync was stopped; the articles it had saved are kept.</translation>
    </message>
    <message>
        <source>Another sync of this library is running already; try again when it has ended.</source>
        <translation>Another sync of this library is running already; try again when it has ended.</translation>
    </message>
    <message>
        <source>The sync could not run: %1</source>
        <translation>The sync could not run: %1</translation>
    </message>
    <message>
        <source>The sync was interrupted; the articles it had saved are kept.</source>
        <translation>The sync was interrupted; the articles it had saved are kept.</translation>
    </message>
    <message>
        <source>The sync stopped unexpectedly (%1); the articles it had saved are kept.</source>
        <translation>The sync stopped unexpectedly (%1); the articles it had saved are kept.</translation>
    </message>
    <message>
        <source>The sync stopped unexpectedly; the articles it had saved are kept.</source>
        <translation>The sync stopped unexpectedly; the articles it had saved are kept.</translation>
    </message>
</context>
</TS>
