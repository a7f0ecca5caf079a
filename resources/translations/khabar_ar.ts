<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Khabar</source>
        <translation>عن «خبر»</translation>
    </message>
    <message>
        <source>Khabar (خبر)</source>
        <translation>خبر (Khabar)</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>الإصدار %1</translation>
    </message>
    <message>
        <source>An offline news reader, Arabic first.</source>
        <translation>قارئ أخبار يعمل دون اتصال، والعربية أولًا.</translation>
    </message>
    <message>
        <source>Khabar is free software under the GNU General Public License, version 3 or later (GPL-3.0-or-later).</source>
        <translation>«خبر» برنامج حر مرخَّص بموجب رخصة جنو العمومية العامة، الإصدار الثالث أو أي إصدار لاحق (GPL-3.0-or-later).</translation>
    </message>
    <message>
        <source>Its bundled fonts, Noto Naskh Arabic and Noto Sans Arabic, are under the SIL Open Font License 1.1.</source>
        <translation>خطوطه المرفقة، Noto Naskh Arabic وNoto Sans Arabic، مرخَّصة بموجب رخصة الخطوط المفتوحة (SIL Open Font License 1.1).</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>مجلد البيانات</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;فتح</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>فتح مجلد البيانات</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;مجلد البيانات:</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;مزامنة الآن</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>&amp;حفظ</translation>
    </message>
    <message>
        <source>&amp;Read</source>
        <translation>&amp;مقروء</translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation>&amp;فتح في المتصفح</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>الخبر ال&amp;تالي</translation>
    </message>
    <message>
        <source>&amp;Previous article</source>
        <translation>الخبر ال&amp;سابق</translation>
    </message>
    <message>
        <source>Next &amp;unread article</source>
        <translation>الخبر &amp;غير المقروء التالي</translation>
    </message>
    <message>
        <source>Scroll or next article</source>
        <translation>تمرير أو الخبر التالي</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;بحث</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>ت&amp;كبير النص</translation>
    </message>
    <message>
        <source>S&amp;maller text</source>
        <translation>تص&amp;غير النص</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>&amp;تعليم الكل كمقروء</translation>
    </message>
    <message>
        <source>&amp;Add source…</source>
        <translation>إ&amp;ضافة مصدر…</translation>
    </message>
    <message>
        <source>&amp;Import sources (OPML)…</source>
        <translation>&amp;استيراد المصادر (OPML)…</translation>
    </message>
    <message>
        <source>&amp;Export sources (OPML)…</source>
        <translation>&amp;تصدير المصادر (OPML)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <source>&amp;About Khabar</source>
        <translation>&amp;عن «خبر»</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>Sync &amp;activity</source>
        <translation>&amp;نشاط المزامنة</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>ال&amp;خبر</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>شريط الأدوات الرئيسي</translation>
    </message>
</context>
<context>
    <name>ActivityPanel</name>
    <message>
        <source>Sync activity</source>
        <translation>نشاط المزامنة</translation>
    </message>
    <message>
        <source>No sync yet.</source>
        <translation>لم تُجرَ أي مزامنة بعد.</translation>
    </message>
    <message>
        <source>Sync summary</source>
        <translation>ملخص المزامنة</translation>
    </message>
    <message>
        <source>Sources of the sync</source>
        <translation>مصادر المزامنة</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>محدَّثة</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>الخطأ</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n source(s)…</source>
        <translation>
            <numerusform>جارٍ مزامنة %Ln مصدر…</numerusform>
            <numerusform>جارٍ مزامنة مصدر واحد…</numerusform>
            <numerusform>جارٍ مزامنة مصدرين…</numerusform>
            <numerusform>جارٍ مزامنة %Ln مصادر…</numerusform>
            <numerusform>جارٍ مزامنة %Ln مصدرًا…</numerusform>
            <numerusform>جارٍ مزامنة %Ln مصدر…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Syncing: %1 of %n source(s) done…</source>
        <translation>
            <numerusform>جارٍ المزامنة: اكتمل %1 من %Ln مصدر…</numerusform>
            <numerusform>جارٍ المزامنة: اكتمل %1 من مصدر واحد…</numerusform>
            <numerusform>جارٍ المزامنة: اكتمل %1 من مصدرين…</numerusform>
            <numerusform>جارٍ المزامنة: اكتمل %1 من %Ln مصادر…</numerusform>
            <numerusform>جارٍ المزامنة: اكتمل %1 من %Ln مصدرًا…</numerusform>
            <numerusform>جارٍ المزامنة: اكتمل %1 من %Ln مصدر…</numerusform>
        </translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>لم يحن موعده</translation>
    </message>
    <message>
        <source>Took %1.</source>
        <translation>استغرقت المزامنة %1.</translation>
    </message>
    <message>
        <source>Not synced</source>
        <translation>لم تتم مزامنته</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>فشل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 ث</translation>
    </message>
    <message>
        <source>Nothing to sync: no source is due.</source>
        <translation>لا شيء للمزامنة: لم يحن موعد أي مصدر.</translation>
    </message>
    <message numerus="yes">
        <source>Offline: none of the %n source(s) could be reached; showing what is saved.</source>
        <translation>
            <numerusform>غير متصل: تعذّر الوصول إلى المصادر؛ يُعرض ما هو محفوظ.</numerusform>
            <numerusform>غير متصل: تعذّر الوصول إلى المصدر؛ يُعرض ما هو محفوظ.</numerusform>
            <numerusform>غير متصل: تعذّر الوصول إلى أيٍّ من المصدرين؛ يُعرض ما هو محفوظ.</numerusform>
            <numerusform>غير متصل: تعذّر الوصول إلى أيٍّ من المصادر الـ%Ln؛ يُعرض ما هو محفوظ.</numerusform>
            <numerusform>غير متصل: تعذّر الوصول إلى أيٍّ من المصادر الـ%Ln؛ يُعرض ما هو محفوظ.</numerusform>
            <numerusform>غير متصل: تعذّر الوصول إلى أيٍّ من المصادر الـ%Ln؛ يُعرض ما هو محفوظ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>لا جديد</numerusform>
            <numerusform>خبر جديد واحد</numerusform>
            <numerusform>خبران جديدان</numerusform>
            <numerusform>%Ln أخبار جديدة</numerusform>
            <numerusform>%Ln خبرًا جديدًا</numerusform>
            <numerusform>%Ln خبر جديد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>لا أخبار محدَّثة</numerusform>
            <numerusform>خبر محدَّث واحد</numerusform>
            <numerusform>خبران محدَّثان</numerusform>
            <numerusform>%Ln أخبار محدَّثة</numerusform>
            <numerusform>%Ln خبرًا محدَّثًا</numerusform>
            <numerusform>%Ln خبر محدَّث</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>لم يفشل أي مصدر</numerusform>
            <numerusform>فشل مصدر واحد</numerusform>
            <numerusform>فشل مصدران</numerusform>
            <numerusform>فشلت %Ln مصادر</numerusform>
            <numerusform>فشل %Ln مصدرًا</numerusform>
            <numerusform>فشل %Ln مصدر</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %n source(s)</source>
        <translation>
            <numerusform>لم تتم مزامنة أي مصدر</numerusform>
            <numerusform>تمت مزامنة مصدر واحد</numerusform>
            <numerusform>تمت مزامنة مصدرين</numerusform>
            <numerusform>تمت مزامنة %Ln مصادر</numerusform>
            <numerusform>تمت مزامنة %Ln مصدرًا</numerusform>
            <numerusform>تمت مزامنة %Ln مصدر</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is &quot;Synced 12 sources&quot;, %2 the counts joined by &quot;, &quot;.</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <source>Add a source</source>
        <translation>إضافة مصدر</translation>
    </message>
    <message>
        <source>https://example.com/feed.xml or any page of the site</source>
        <translation>https://example.com/feed.xml أو أي صفحة من الموقع</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>القسم</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>بلا قسم</translation>
    </message>
    <message>
        <source>The feed&apos;s own title</source>
        <translation>عنوان الخلاصة نفسها</translation>
    </message>
    <message>
        <source>Title (optional)</source>
        <translation>العنوان (اختياري)</translation>
    </message>
    <message>
        <source>&amp;Web address:</source>
        <translation>ال&amp;رابط:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>ال&amp;قسم:</translation>
    </message>
    <message>
        <source>&amp;Title (optional):</source>
        <translation>ال&amp;عنوان (اختياري):</translation>
    </message>
    <message>
        <source>Looking for the feed</source>
        <translation>البحث عن الخلاصة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source>Looking for the feed at %1…</source>
        <translation>جارٍ البحث عن الخلاصة في %1…</translation>
    </message>
    <message>
        <source>Type the address of a feed, or of any page of the site.</source>
        <translation>اكتب رابط الخلاصة، أو رابط أي صفحة من الموقع.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>«%1» ليس رابطًا على الويب.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was added.</source>
        <translation>أُلغيت العملية: لم يُضَف شيء.</translation>
    </message>
    <message>
        <source>Khabar could not start its helper: %1</source>
        <translation>تعذّر على «خبر» تشغيل برنامجه المساعد: %1</translation>
    </message>
    <message>
        <source>Adding the source failed unexpectedly (status %1).</source>
        <translation>فشلت إضافة المصدر على نحو غير متوقع (رمز الحالة %1).</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>{title}, {source}, {when}</source>
        <translation>{title}، {source}، {when}</translation>
    </message>
    <message>
        <source>{article}, unread</source>
        <translation>{article}، غير مقروء</translation>
    </message>
    <message>
        <source>{article}, bookmarked</source>
        <translation>{article}، محفوظ</translation>
    </message>
</context>
<context>
    <name>ArticleListView</name>
    <message>
        <source>Articles</source>
        <translation>الأخبار</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Article</source>
        <translation>الخبر</translation>
    </message>
    <message>
        <source>Open the original page</source>
        <translation>فتح الصفحة الأصلية</translation>
    </message>
    <message>
        <source>The article&apos;s page could not be read in full; this is the text its feed gave.</source>
        <translation>تعذّرت قراءة صفحة الخبر كاملةً؛ هذا هو النص الذي قدّمته الخلاصة.</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>A category needs a name.</source>
        <translation>يحتاج القسم إلى اسم.</translation>
    </message>
    <message>
        <source>A page holds at least one article.</source>
        <translation>تضم الصفحة خبرًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <source>A source needs a name.</source>
        <translation>يحتاج المصدر إلى اسم.</translation>
    </message>
    <message>
        <source>A sync of this library is running already; wait for it to end.</source>
        <translation>تجري الآن مزامنة لهذه المكتبة؛ انتظر حتى تنتهي.</translation>
    </message>
    <message>
        <source>An image could not be saved in the cache: {reason}.</source>
        <translation>تعذّر حفظ صورة في ذاكرة التخزين المؤقت: {reason}.</translation>
    </message>
    <message>
        <source>Could not connect to {where}: it did not answer in time.</source>
        <translation>تعذّر الاتصال بـ{where}: لم يُجب في الوقت المحدد.</translation>
    </message>
    <message>
        <source>Could not connect to {where}; check the address and the connection.</source>
        <translation>تعذّر الاتصال بـ{where}؛ تحقّق من العنوان ومن الاتصال.</translation>
    </message>
    <message>
        <source>Downloading from {where} failed ({kind}).</source>
        <translation>فشل التنزيل من {where} ({kind}).</translation>
    </message>
    <message>
        <source>Keep articles for at least one day.</source>
        <translation>احتفظ بالأخبار يومًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <source>Khabar cannot create its data folder {folder}: {reason}</source>
        <translation>لا يستطيع «خبر» إنشاء مجلد بياناته {folder}: {reason}</translation>
    </message>
    <message>
        <source>Khabar could not create {path}: {reason}.</source>
        <translation>تعذّر على «خبر» إنشاء {path}: {reason}.</translation>
    </message>
    <message>
        <source>Khabar could not understand this search. Try plain words.</source>
        <translation>لم يفهم «خبر» هذا البحث. جرّب كلمات بسيطة.</translation>
    </message>
    <message>
        <source>Khabar failed on this source ({kind}: {error}).</source>
        <translation>أخفق «خبر» في قراءة هذا المصدر ({kind}: {error}).</translation>
    </message>
    <message>
        <source>No article text was found on the page.</source>
        <translation>لم يُعثر في الصفحة على نص الخبر.</translation>
    </message>
    <message>
        <source>Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses} and {more} more.</source>
        <translation>لم يُستورد شيء لأن ملف OPML يذكر عناوين خلاصات ليست عناوين ويب من نوع http أو https: {addresses} و{more} غيرها.</translation>
    </message>
    <message>
        <source>Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses}.</source>
        <translation>لم يُستورد شيء لأن ملف OPML يذكر عناوين خلاصات ليست عناوين ويب من نوع http أو https: {addresses}.</translation>
    </message>
    <message>
        <source>Say what to look for, not only what to leave out: add a word without a minus sign.</source>
        <translation>قل ما تبحث عنه، لا ما تستبعده فقط: أضف كلمة بلا علامة الطرح.</translation>
    </message>
    <message>
        <source>The OPML file has no &lt;body&gt; section, so it lists no feeds.</source>
        <translation>ليس في ملف OPML جزء &lt;body&gt;، فهو لا يذكر أي خلاصة.</translation>
    </message>
    <message>
        <source>The OPML file is empty.</source>
        <translation>ملف OPML فارغ.</translation>
    </message>
    <message>
        <source>The OPML file is larger than 20 MB, far more than any list of feeds needs, so Khabar did not read it.</source>
        <translation>ملف OPML أكبر من 20 ميغابايت، وهذا أكثر بكثير مما تحتاجه أي قائمة خلاصات، فلم يقرأه «خبر».</translation>
    </message>
    <message>
        <source>The OPML file is nested more than {depth} levels deep, which no list of feeds needs, so Khabar refused it.</source>
        <translation>تتداخل عناصر ملف OPML في أكثر من {depth} مستوى، وهذا ما لا تحتاجه أي قائمة خلاصات، فرفضه «خبر».</translation>
    </message>
    <message>
        <source>The OPML file is not valid UTF-8 text: line {line} holds bytes that cannot be read.</source>
        <translation>ملف OPML ليس نصًا صالحًا بترميز UTF-8: في السطر {line} بايتات تتعذّر قراءتها.</translation>
    </message>
    <message>
        <source>The OPML file is not well-formed XML (on line {line}, the XML reader reports “{reason}”).</source>
        <translation>ملف OPML ليس XML سليم البنية (في السطر {line}، يُبلغ قارئ XML عن «{reason}»).</translation>
    </message>
    <message>
        <source>The OPML file uses XML entities or a DTD (a &lt;!DOCTYPE&gt; section), which Khabar refuses for safety.</source>
        <translation>يستخدم ملف OPML كيانات XML أو DTD (جزء &lt;!DOCTYPE&gt;)، وهو ما يرفضه «خبر» حفاظًا على الأمان.</translation>
    </message>
    <message>
        <source>The article page could not be read.</source>
        <translation>تعذّرت قراءة صفحة الخبر.</translation>
    </message>
    <message>
        <source>The article page is too large to be read.</source>
        <translation>صفحة الخبر أكبر من أن تُقرأ.</translation>
    </message>
    <message>
        <source>The article&apos;s HTML could not be cleaned.</source>
        <translation>تعذّر تنظيف شيفرة HTML الخاصة بالخبر.</translation>
    </message>
    <message>
        <source>The disk is full: the library could not be saved. Free some space.</source>
        <translation>القرص ممتلئ: تعذّر حفظ المكتبة. حرّر بعض المساحة عليه.</translation>
    </message>
    <message>
        <source>The library could not be used: {reason}</source>
        <translation>تعذّر استخدام المكتبة: {reason}</translation>
    </message>
    <message>
        <source>The library could not be written to the disk (is it full or failing?); nothing saved before was lost.</source>
        <translation>تعذّرت كتابة المكتبة على القرص (هل هو ممتلئ أو معطوب؟)؛ لم يضِع شيء مما حُفظ من قبل.</translation>
    </message>
    <message>
        <source>The library file is damaged and cannot be read.</source>
        <translation>ملف المكتبة تالف وتتعذّر قراءته.</translation>
    </message>
    <message>
        <source>The library is busy: another program is writing to it. Try again in a moment.</source>
        <translation>المكتبة مشغولة: برنامج آخر يكتب فيها. حاول مجددًا بعد لحظة.</translation>
    </message>
    <message>
        <source>The library is read-only: Khabar cannot save changes to it.</source>
        <translation>المكتبة للقراءة فقط: لا يستطيع «خبر» حفظ التغييرات فيها.</translation>
    </message>
    <message>
        <source>The library numbered new articles unexpectedly; nothing was stored.</source>
        <translation>رقّمت المكتبة الأخبار الجديدة على نحو غير متوقع؛ لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>The library {path} cannot be put in WAL mode.</source>
        <translation>لا يمكن وضع المكتبة {path} في وضع WAL.</translation>
    </message>
    <message>
        <source>The page is empty or is not HTML.</source>
        <translation>الصفحة فارغة أو ليست HTML.</translation>
    </message>
    <message>
        <source>The program reading this source crashed; it was skipped.</source>
        <translation>تعطّل البرنامج الذي كان يقرأ هذا المصدر؛ فجرى تخطّيه.</translation>
    </message>
    <message>
        <source>The proxy refused the request to {where}.</source>
        <translation>رفض الوسيط (البروكسي) الطلب إلى {where}.</translation>
    </message>
    <message>
        <source>The search has too many words ({count}): use at most {limit}.</source>
        <translation>في البحث كلمات كثيرة ({count}): استخدم {limit} على الأكثر.</translation>
    </message>
    <message>
        <source>The search is too long ({length:,} characters): use at most {limit} characters.</source>
        <translation>البحث طويل جدًا ({length:,} حرفًا): استخدم {limit} حرفًا على الأكثر.</translation>
    </message>
    <message>
        <source>The server answered 304 to a request without validators.</source>
        <translation>أجاب الخادم بالرمز 304 على طلب لا يحمل بيانات تحقّق.</translation>
    </message>
    <message>
        <source>The server sent an empty answer instead of a feed.</source>
        <translation>أرسل الخادم ردًا فارغًا بدل الخلاصة.</translation>
    </message>
    <message>
        <source>There is already a category called “{name}”.</source>
        <translation>يوجد بالفعل قسم باسم «{name}».</translation>
    </message>
    <message>
        <source>There is no article number {number}.</source>
        <translation>لا يوجد خبر رقمه {number}.</translation>
    </message>
    <message>
        <source>There is no category called “{name}”.</source>
        <translation>لا يوجد قسم باسم «{name}».</translation>
    </message>
    <message>
        <source>There is no category number {number}.</source>
        <translation>لا يوجد قسم رقمه {number}.</translation>
    </message>
    <message>
        <source>There is no source number {number}.</source>
        <translation>لا يوجد مصدر رقمه {number}.</translation>
    </message>
    <message>
        <source>These articles were prepared by another version of Khabar; prepare them again.</source>
        <translation>أُعدّت هذه الأخبار بإصدار آخر من «خبر»؛ أعِد إعدادها.</translation>
    </message>
    <message>
        <source>These words are too common to search by (such as في, من, the): add a more specific word.</source>
        <translation>هذه الكلمات أشيع من أن يُبحث بها (مثل في، من، the): أضف كلمة أدق.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it does not start with an object.</source>
        <translation>تعذّرت قراءة خلاصة JSON هذه: لا تبدأ بكائن.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it is not valid JSON (line {line}, column {column}).</source>
        <translation>تعذّرت قراءة خلاصة JSON هذه: ليست JSON صالحًا (السطر {line}، العمود {column}).</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it is not valid JSON.</source>
        <translation>تعذّرت قراءة خلاصة JSON هذه: ليست JSON صالحًا.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: it is not written in UTF-8.</source>
        <translation>تعذّرت قراءة خلاصة JSON هذه: ليست مكتوبة بترميز UTF-8.</translation>
    </message>
    <message>
        <source>This JSON feed could not be read: its items are not a list.</source>
        <translation>تعذّرت قراءة خلاصة JSON هذه: عناصرها ليست قائمة.</translation>
    </message>
    <message>
        <source>This JSON file is not a JSON Feed of a version Khabar can read.</source>
        <translation>ملف JSON هذا ليس خلاصة JSON Feed بإصدار يقرؤه «خبر».</translation>
    </message>
    <message>
        <source>This JSON file is not a JSON Feed: it has no version and no items.</source>
        <translation>ملف JSON هذا ليس خلاصة JSON Feed: لا إصدار له ولا عناصر.</translation>
    </message>
    <message>
        <source>This address gives a web page or a file, not a news feed.</source>
        <translation>هذا العنوان يعطي صفحة ويب أو ملفًا، لا خلاصة أخبار.</translation>
    </message>
    <message>
        <source>This feed could not be read ({kind}).</source>
        <translation>تعذّرت قراءة هذه الخلاصة ({kind}).</translation>
    </message>
    <message>
        <source>This feed could not be read: it is not well-formed.</source>
        <translation>تعذّرت قراءة هذه الخلاصة: بنيتها غير سليمة.</translation>
    </message>
    <message>
        <source>This feed could not be read: {reason}.</source>
        <translation>تعذّرت قراءة هذه الخلاصة: {reason}.</translation>
    </message>
    <message>
        <source>This is not an OPML file: it starts with &lt;{tag}&gt; instead of &lt;opml&gt;.</source>
        <translation>هذا ليس ملف OPML: يبدأ بـ &lt;{tag}&gt; بدل &lt;opml&gt;.</translation>
    </message>
    <message>
        <source>This library was written by a newer version of Khabar (library format {version}; this version reads up to {latest}). Update Khabar to open it; the file has not been changed.</source>
        <translation>كُتبت هذه المكتبة بإصدار أحدث من «خبر» (صيغة المكتبة {version}؛ وهذا الإصدار يقرأ حتى الصيغة {latest}). حدّث «خبر» لفتحها؛ لم يُغيَّر الملف.</translation>
    </message>
    <message>
        <source>Type a word to search for.</source>
        <translation>اكتب كلمة للبحث عنها.</translation>
    </message>
    <message>
        <source>{path} is an SQLite file, but not a Khabar library.</source>
        <translation>{path} ملف SQLite، لكنه ليس مكتبة «خبر».</translation>
    </message>
    <message>
        <source>{path} is not a Khabar library ({reason}).</source>
        <translation>{path} ليس مكتبة «خبر» ({reason}).</translation>
    </message>
    <message>
        <source>{url} did not give an image Khabar can show.</source>
        <translation>لم يعطِ {url} صورة يستطيع «خبر» عرضها.</translation>
    </message>
    <message>
        <source>{url} is a web page, and no feed could be found on it or at the usual addresses; give the address of the site&apos;s RSS or Atom feed.</source>
        <translation>{url} صفحة ويب، ولم يُعثر على خلاصة فيها ولا في العناوين المعتادة؛ أعطِ عنوان خلاصة RSS أو Atom للموقع.</translation>
    </message>
    <message>
        <source>{url} is already a source (number {number}).</source>
        <translation>{url} مصدر مضاف بالفعل (رقم {number}).</translation>
    </message>
    <message>
        <source>{where} answered {code} {reason}.</source>
        <translation>أجاب {where} بالرمز {code} ({reason}).</translation>
    </message>
    <message>
        <source>{where} asked Khabar to wait until {until} UTC.</source>
        <translation>طلب {where} من «خبر» الانتظار حتى {until} بالتوقيت العالمي.</translation>
    </message>
    <message>
        <source>{where} broke off the connection or answered in a way that could not be read.</source>
        <translation>قطع {where} الاتصال أو أجاب بطريقة تعذّرت قراءتها.</translation>
    </message>
    <message>
        <source>{where} is busy and asked Khabar to wait ({code}).</source>
        <translation>{where} مشغول وطلب من «خبر» الانتظار ({code}).</translation>
    </message>
    <message>
        <source>{where} is busy and asked Khabar to wait until {until} UTC ({code}).</source>
        <translation>{where} مشغول وطلب من «خبر» الانتظار حتى {until} بالتوقيت العالمي ({code}).</translation>
    </message>
    <message>
        <source>{where} redirected more than {limit} times; the address may be wrong.</source>
        <translation>أعاد {where} التوجيه أكثر من {limit} مرات؛ ربما كان العنوان خاطئًا.</translation>
    </message>
    <message>
        <source>{where} says this feed is gone for good (410).</source>
        <translation>يقول {where} إن هذه الخلاصة أُزيلت نهائيًا (410).</translation>
    </message>
    <message>
        <source>{where} sent a compressed answer that could not be decompressed.</source>
        <translation>أرسل {where} ردًا مضغوطًا تعذّر فكّ ضغطه.</translation>
    </message>
    <message>
        <source>{where} sent a compressed answer that could not be read.</source>
        <translation>أرسل {where} ردًا مضغوطًا تعذّرت قراءته.</translation>
    </message>
    <message>
        <source>{where} sent a compression Khabar cannot read ({encoding}).</source>
        <translation>أرسل {where} ضغطًا لا يقرؤه «خبر» ({encoding}).</translation>
    </message>
    <message>
        <source>{where} sent more than {megabytes} MB; the download was stopped.</source>
        <translation>أرسل {where} أكثر من {megabytes} ميغابايت؛ أُوقف التنزيل.</translation>
    </message>
    <message>
        <source>{where} stopped answering in the middle of a download.</source>
        <translation>توقّف {where} عن الرد في منتصف التنزيل.</translation>
    </message>
    <message>
        <source>{where} took longer than {seconds:g} seconds to answer.</source>
        <translation>استغرق {where} أكثر من {seconds:g} ثانية ليجيب.</translation>
    </message>
    <message>
        <source>“{url}” is not a valid web address.</source>
        <translation>«{url}» ليس عنوان ويب صالحًا.</translation>
    </message>
    <message>
        <source>“{url}” is not a web address Khabar can fetch.</source>
        <translation>«{url}» ليس عنوان ويب يستطيع «خبر» جلبه.</translation>
    </message>
    <message>
        <source>“{url}” is not a web address: give one that starts with http:// or https://.</source>
        <translation>«{url}» ليس عنوان ويب: أعطِ عنوانًا يبدأ بـ http:// أو https://.</translation>
    </message>
    <message>
        <source>“{word}” is too short to search by its beginning: give at least two letters before the *.</source>
        <translation>«{word}» أقصر من أن يُبحث ببدايته: اكتب حرفين على الأقل قبل *.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Khabar</source>
        <translation>خبر</translation>
    </message>
    <message>
        <source>Search (/)</source>
        <translation>بحث (/)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>في كل مكان</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>البحث في</translation>
    </message>
    <message>
        <source>Sync activity</source>
        <translation>نشاط المزامنة</translation>
    </message>
    <message>
        <source>Khabar opens only web links (http and https): %1</source>
        <translation>لا يفتح «خبر» إلا روابط الويب (http وhttps): %1</translation>
    </message>
    <message>
        <source>No bookmarks yet: press S on an article to keep it.</source>
        <translation>لا أخبار محفوظة بعد: اضغط S على أي خبر لحفظه.</translation>
    </message>
    <message>
        <source>No articles here yet.</source>
        <translation>لا أخبار هنا بعد.</translation>
    </message>
    <message>
        <source>Choose an article to read it.</source>
        <translation>اختر خبرًا لقراءته.</translation>
    </message>
    <message>
        <source>Bookmarked.</source>
        <translation>حُفظ الخبر.</translation>
    </message>
    <message>
        <source>Bookmark removed.</source>
        <translation>أُزيل الخبر من المحفوظة.</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>تعليم الكل كمقروء</translation>
    </message>
    <message>
        <source>Mark every article shown here read?</source>
        <translation>أتريد تعليم كل الأخبار المعروضة هنا كمقروءة؟</translation>
    </message>
    <message>
        <source>No more unread articles here.</source>
        <translation>لا مزيد من الأخبار غير المقروءة هنا.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) found.</source>
        <translation>
            <numerusform>لم يُعثر على أي خبر.</numerusform>
            <numerusform>عُثر على خبر واحد.</numerusform>
            <numerusform>عُثر على خبرين.</numerusform>
            <numerusform>عُثر على %Ln أخبار.</numerusform>
            <numerusform>عُثر على %Ln خبرًا.</numerusform>
            <numerusform>عُثر على %Ln خبر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>لم يُعثر على شيء.</translation>
    </message>
    <message>
        <source>A sync is running already.</source>
        <translation>هناك مزامنة جارية بالفعل.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>Offline: showing what is saved.</source>
        <translation>غير متصل: يُعرض ما هو محفوظ.</translation>
    </message>
    <message numerus="yes">
        <source>Synced: %n new article(s).</source>
        <translation>
            <numerusform>تمت المزامنة: لا أخبار جديدة.</numerusform>
            <numerusform>تمت المزامنة: خبر جديد واحد.</numerusform>
            <numerusform>تمت المزامنة: خبران جديدان.</numerusform>
            <numerusform>تمت المزامنة: %Ln أخبار جديدة.</numerusform>
            <numerusform>تمت المزامنة: %Ln خبرًا جديدًا.</numerusform>
            <numerusform>تمت المزامنة: %Ln خبر جديد.</numerusform>
        </translation>
    </message>
    <message>
        <source>In the selected view</source>
        <translation>في العرض المحدد</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) failed.</source>
        <translation>
            <numerusform>لم يفشل أي مصدر.</numerusform>
            <numerusform>فشل مصدر واحد.</numerusform>
            <numerusform>فشل مصدران.</numerusform>
            <numerusform>فشلت %Ln مصادر.</numerusform>
            <numerusform>فشل %Ln مصدرًا.</numerusform>
            <numerusform>فشل %Ln مصدر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>The new interface language applies when Khabar starts again.</source>
        <translation>تُطبَّق لغة الواجهة الجديدة عند تشغيل «خبر» من جديد.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>منذ أقل من دقيقة</numerusform>
            <numerusform>منذ دقيقة</numerusform>
            <numerusform>منذ دقيقتين</numerusform>
            <numerusform>منذ %Ln دقائق</numerusform>
            <numerusform>منذ %Ln دقيقة</numerusform>
            <numerusform>منذ %Ln دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>منذ أقل من ساعة</numerusform>
            <numerusform>منذ ساعة</numerusform>
            <numerusform>منذ ساعتين</numerusform>
            <numerusform>منذ %Ln ساعات</numerusform>
            <numerusform>منذ %Ln ساعة</numerusform>
            <numerusform>منذ %Ln ساعة</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>أمس</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>اليوم</numerusform>
            <numerusform>منذ يوم</numerusform>
            <numerusform>منذ يومين</numerusform>
            <numerusform>منذ %Ln أيام</numerusform>
            <numerusform>منذ %Ln يومًا</numerusform>
            <numerusform>منذ %Ln يوم</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchRunner</name>
    <message>
        <source>The search could not be run.</source>
        <translation>تعذّر إجراء البحث.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>Sync every (minutes, 0 for never)</source>
        <translation>المزامنة كل (بالدقائق، صفر يعني أبدًا)</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>ال&amp;مزامنة كل:</translation>
    </message>
    <message>
        <source>Sync when Khabar &amp;starts</source>
        <translation>المزامنة عند &amp;بدء تشغيل «خبر»</translation>
    </message>
    <message>
        <source>Fetch the &amp;whole article when a feed gives only a summary</source>
        <translation>جلب الخبر &amp;كاملًا حين لا تقدّم الخلاصة سوى ملخّص</translation>
    </message>
    <message>
        <source>Save &amp;images for reading offline</source>
        <translation>حفظ ال&amp;صور للقراءة دون اتصال</translation>
    </message>
    <message>
        <source> days</source>
        <translation> يوم</translation>
    </message>
    <message>
        <source>Keep everything</source>
        <translation>الاحتفاظ بالكل</translation>
    </message>
    <message>
        <source>Keep articles for (days; 0 keeps them forever)</source>
        <translation>الاحتفاظ بالأخبار لمدة (بالأيام، صفر يعني إلى الأبد)</translation>
    </message>
    <message>
        <source>&amp;Keep articles for:</source>
        <translation>الا&amp;حتفاظ بالأخبار لمدة:</translation>
    </message>
    <message>
        <source>Bookmarked articles are always kept.</source>
        <translation>يُحتفظ بالأخبار المحفوظة دائمًا.</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>القراءة</translation>
    </message>
    <message>
        <source>Reading font</source>
        <translation>خط القراءة</translation>
    </message>
    <message>
        <source>%1 (bundled)</source>
        <translation>%1 (مضمَّن)</translation>
    </message>
    <message>
        <source>Reading &amp;font:</source>
        <translation>&amp;خط القراءة:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> نقطة</translation>
    </message>
    <message>
        <source>Reading size (points)</source>
        <translation>حجم خط القراءة (بالنقاط)</translation>
    </message>
    <message>
        <source>Reading si&amp;ze:</source>
        <translation>ح&amp;جم الخط:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> ثانية</translation>
    </message>
    <message>
        <source>Mark as read after (seconds)</source>
        <translation>تعليم الخبر كمقروء بعد (بالثواني)</translation>
    </message>
    <message>
        <source>&amp;Mark as read after:</source>
        <translation>&amp;تعليم كمقروء بعد:</translation>
    </message>
    <message>
        <source>How long an article stays open before it counts as read.</source>
        <translation>المدة التي يبقى فيها الخبر مفتوحًا قبل أن يُعدّ مقروءًا.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>المظهر</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>السمة</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>حسب النظام</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتحة</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكنة</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>ال&amp;سمة:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;لغة الواجهة:</translation>
    </message>
    <message>
        <source>A new language applies after a restart.</source>
        <translation>تُطبَّق اللغة الجديدة بعد إعادة التشغيل.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>All articles</source>
        <translation>كل الأخبار</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>غير المقروءة</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>المحفوظة</translation>
    </message>
    <message>
        <source>Sources and views</source>
        <translation>المصادر وطرق العرض</translation>
    </message>
    <message>
        <source>Turned off: syncing skips this source.</source>
        <translation>معطَّل: لا تشمل المزامنة هذا المصدر.</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1، لا أخبار غير مقروءة</numerusform>
            <numerusform>%1، خبر واحد غير مقروء</numerusform>
            <numerusform>%1، خبران غير مقروءين</numerusform>
            <numerusform>%1، %Ln أخبار غير مقروءة</numerusform>
            <numerusform>%1، %Ln خبرًا غير مقروء</numerusform>
            <numerusform>%1، %Ln خبر غير مقروء</numerusform>
        </translation>
    </message>
    <message>
        <source>Uncategorized</source>
        <translation>بلا قسم</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>تعليم الكل كمقروء</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>مزامنة الآن</translation>
    </message>
    <message>
        <source>Move to category…</source>
        <translation>نقل إلى قسم…</translation>
    </message>
    <message>
        <source>Sync category</source>
        <translation>مزامنة القسم</translation>
    </message>
    <message>
        <source>Rename category…</source>
        <translation>إعادة تسمية القسم…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>إعادة تسمية…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>إزالة…</translation>
    </message>
</context>
<context>
    <name>SourceCommands</name>
    <message>
        <source>Rename source</source>
        <translation>إعادة تسمية المصدر</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>الاسم الجديد:</translation>
    </message>
    <message>
        <source>Move source</source>
        <translation>نقل المصدر</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>القسم:</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>إزالة المصدر</translation>
    </message>
    <message>
        <source>Remove “%1” and its articles? Bookmarked articles stay.</source>
        <translation>أتريد إزالة «%1» وأخباره؟ ستبقى الأخبار المحفوظة.</translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation>إعادة تسمية القسم</translation>
    </message>
    <message>
        <source>Import sources</source>
        <translation>استيراد المصادر</translation>
    </message>
    <message>
        <source>OPML files (*.opml *.xml);;All files (*)</source>
        <translation>ملفات OPML (*.opml *.xml);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Export sources</source>
        <translation>تصدير المصادر</translation>
    </message>
    <message>
        <source>OPML files (*.opml)</source>
        <translation>ملفات OPML (*.opml)</translation>
    </message>
    <message>
        <source>Sources exported.</source>
        <translation>تم تصدير المصادر.</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) added.</source>
        <translation>
            <numerusform>لم يُضَف أي مصدر.</numerusform>
            <numerusform>أُضيف مصدر واحد.</numerusform>
            <numerusform>أُضيف مصدران.</numerusform>
            <numerusform>أُضيفت %Ln مصادر.</numerusform>
            <numerusform>أُضيف %Ln مصدرًا.</numerusform>
            <numerusform>أُضيف %Ln مصدر.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there.</source>
        <translation>
            <numerusform>لم تسبق إضافة أي مصدر.</numerusform>
            <numerusform>سبقت إضافة مصدر واحد.</numerusform>
            <numerusform>سبقت إضافة مصدرين.</numerusform>
            <numerusform>سبقت إضافة %Ln مصادر.</numerusform>
            <numerusform>سبقت إضافة %Ln مصدرًا.</numerusform>
            <numerusform>سبقت إضافة %Ln مصدر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Khabar</source>
        <translation>خبر</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>No source could be reached: everything saved stays readable.</source>
        <translation>تعذّر الوصول إلى أي مصدر: كل ما حُفظ يبقى متاحًا للقراءة.</translation>
    </message>
    <message>
        <source>%v of %m sources</source>
        <translation>المصادر: %v من %m</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>تقدّم المزامنة</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancel the sync</source>
        <translation>إلغاء المزامنة</translation>
    </message>
</context>
<context>
    <name>SyncWorker</name>
    <message>
        <source>Khabar could not start its sync program: %1</source>
        <translation>تعذّر على «خبر» تشغيل برنامج المزامنة: %1</translation>
    </message>
    <message>
        <source>The sync was stopped; the articles it had saved are kept.</source>
        <translation>أُوقفت المزامنة؛ وبقيت الأخبار التي حفظتها.</translation>
    </message>
    <message>
        <source>Another sync of this library is running already; try again when it has ended.</source>
        <translation>تجري الآن مزامنة أخرى لهذه المكتبة؛ حاول مجددًا بعد انتهائها.</translation>
    </message>
    <message>
        <source>The sync could not run: %1</source>
        <translation>تعذّر تشغيل المزامنة: %1</translation>
    </message>
    <message>
        <source>The sync was interrupted; the articles it had saved are kept.</source>
        <translation>انقطعت المزامنة؛ وبقيت الأخبار التي حفظتها.</translation>
    </message>
    <message>
        <source>The sync stopped unexpectedly (%1); the articles it had saved are kept.</source>
        <translation>توقفت المزامنة على نحو غير متوقع (%1)؛ وبقيت الأخبار التي حفظتها.</translation>
    </message>
    <message>
        <source>The sync stopped unexpectedly; the articles it had saved are kept.</source>
        <translation>توقفت المزامنة على نحو غير متوقع؛ وبقيت الأخبار التي حفظتها.</translation>
    </message>
</context>
</TS>
