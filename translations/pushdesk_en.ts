<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ContentVerdict</name>
    <message numerus="yes">
        <source>msg_sec_check passed the content (%n parts).</source>
        <translation>
            <numerusform>msg_sec_check passed the content (%n part).</numerusform>
            <numerusform>msg_sec_check passed the content (%n parts).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldLimits</name>
    <message numerus="yes">
        <source>digits only, at most %n character(s)</source>
        <translation>
            <numerusform>digits only, at most %n character</numerusform>
            <numerusform>digits only, at most %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>letters only, at most %n character(s)</source>
        <translation>
            <numerusform>letters only, at most %n character</numerusform>
            <numerusform>letters only, at most %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>digits, + and -, at most %n character(s)</source>
        <translation>
            <numerusform>digits, + and -, at most %n character</numerusform>
            <numerusform>digits, + and -, at most %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at most %n character(s)</source>
        <translation>
            <numerusform>at most %n character</numerusform>
            <numerusform>at most %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message numerus="yes">
        <source>The line has %n field(s), but the first line has %1.</source>
        <translation>
            <numerusform>The line has %n field, but the first line has %1.</numerusform>
            <numerusform>The line has %n fields, but the first line has %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscribers share the e-mail address &quot;%1&quot;.</source>
        <translation>
            <numerusform>%n subscriber has the e-mail address &quot;%1&quot;.</numerusform>
            <numerusform>%n subscribers share the e-mail address &quot;%1&quot;.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>%n deliveries of broadcast %1 are pending again; a console or pushdesk worker sends them.</source>
        <translation>
            <numerusform>%n delivery of broadcast %1 is pending again; a console or pushdesk worker sends it.</numerusform>
            <numerusform>%n deliveries of broadcast %1 are pending again; a console or pushdesk worker sends them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::AuditPage</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::BroadcastProgressPanel</name>
    <message numerus="yes">
        <source>Retrying %n failed delivery(s)…</source>
        <translation>
            <numerusform>Retrying %n failed delivery…</numerusform>
            <numerusform>Retrying %n failed deliveries…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failures: the first %n are shown; the Send log has all of them.</source>
        <translation>
            <numerusform>Failures: the first is shown; the Send log has all of them.</numerusform>
            <numerusform>Failures: the first %n are shown; the Send log has all of them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failures: %n</source>
        <translation>
            <numerusform>Failures: %n</numerusform>
            <numerusform>Failures: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::BroadcastsPage</name>
    <message numerus="yes">
        <source>%n broadcast(s)</source>
        <translation>
            <numerusform>%n broadcast</numerusform>
            <numerusform>%n broadcasts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain delivery(s) for review: the request left, but no answer was recorded. The recipient may or may not have the message.</source>
        <translation>
            <numerusform>%n uncertain delivery for review: the request left, but no answer was recorded. The recipient may or may not have the message.</numerusform>
            <numerusform>%n uncertain deliveries for review: the requests left, but no answer was recorded. The recipients may or may not have the message.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed delivery(s)…</source>
        <translation>
            <numerusform>Retrying %n failed delivery…</numerusform>
            <numerusform>Retrying %n failed deliveries…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) may already have this message. Send it to them again?</source>
        <translation>
            <numerusform>%n recipient may already have this message. Send it to them again?</numerusform>
            <numerusform>%n recipients may already have this message. Send it to them again?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-sending %n uncertain delivery(s)…</source>
        <translation>
            <numerusform>Re-sending %n uncertain delivery…</numerusform>
            <numerusform>Re-sending %n uncertain deliveries…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending</source>
        <translation>
            <numerusform>%Ln recipient · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending</numerusform>
            <numerusform>%Ln recipients · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::ComplaintsPage</name>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n complaint</numerusform>
            <numerusform>%n complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::ComposerPage</name>
    <message numerus="yes">
        <source>%n subscriber(s) bound this app with reminders on.</source>
        <translation>
            <numerusform>%n subscriber bound this app with reminders on.</numerusform>
            <numerusform>%n subscribers bound this app with reminders on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n recipient(s) in the audience; nothing was sent or stored.</source>
        <translation>
            <numerusform>Dry run: %n recipient in the audience; nothing was sent or stored.</numerusform>
            <numerusform>Dry run: %n recipients in the audience; nothing was sent or stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) are over their channel’s limit for the sample recipient.</source>
        <translation>
            <numerusform>%n field is over its channel’s limit for the sample recipient.</numerusform>
            <numerusform>%n fields are over their channel’s limit for the sample recipient.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n people)</source>
        <translation>
            <numerusform>%1 (%n person)</numerusform>
            <numerusform>%1 (%n people)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the people this audience names have not bound this app with reminders on and get nothing.</source>
        <translation>
            <numerusform>%n of the people this audience names has not bound this app with reminders on and gets nothing.</numerusform>
            <numerusform>%n of the people this audience names have not bound this app with reminders on and get nothing.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::DashboardPage</name>
    <message numerus="yes">
        <source>%n open complaint(s) to review</source>
        <translation>
            <numerusform>%n open complaint to review</numerusform>
            <numerusform>%n open complaints to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deliveries, last %n day(s)</source>
        <translation>
            <numerusform>Deliveries, last day</numerusform>
            <numerusform>Deliveries, last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failures by errcode, last %n day(s)</source>
        <translation>
            <numerusform>Failures by errcode, last day</numerusform>
            <numerusform>Failures by errcode, last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::ImportDialog</name>
    <message numerus="yes">
        <source>No problems: %n row(s) ready to import.</source>
        <translation>
            <numerusform>No problems: %n row ready to import.</numerusform>
            <numerusform>No problems: %n rows ready to import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n row(s).</source>
        <translation>
            <numerusform>Imported %n row.</numerusform>
            <numerusform>Imported %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber(s) who opted out stay opted out.</source>
        <translation>
            <numerusform>%n subscriber who opted out stays opted out.</numerusform>
            <numerusform>%n subscribers who opted out stay opted out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): nothing will be imported until they are fixed.</source>
        <translation>
            <numerusform>%n problem: nothing will be imported until it is fixed.</numerusform>
            <numerusform>%n problems: nothing will be imported until they are fixed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No problems: the list “%1” would have %n subscriber(s).</source>
        <translation>
            <numerusform>No problems: the list “%1” would have %n subscriber.</numerusform>
            <numerusform>No problems: the list “%1” would have %n subscribers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The list “%1” was made with %n subscriber(s).</source>
        <translation>
            <numerusform>The list “%1” was made with %n subscriber.</numerusform>
            <numerusform>The list “%1” was made with %n subscribers.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::PenaltyHistory</name>
    <message numerus="yes">
        <source>−%n point(s)</source>
        <translation>
            <numerusform>−%n point</numerusform>
            <numerusform>−%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deduct %n point(s) from the app&apos;s credit score?</source>
        <translation>
            <numerusform>Deduct %n point from the app&apos;s credit score?</numerusform>
            <numerusform>Deduct %n points from the app&apos;s credit score?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suspend the app for %n day(s)? It cannot send meanwhile.</source>
        <translation>
            <numerusform>Suspend the app for %n day? It cannot send meanwhile.</numerusform>
            <numerusform>Suspend the app for %n days? It cannot send meanwhile.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::SendLogPage</name>
    <message numerus="yes">
        <source>%n delivery(s) exported to %1.</source>
        <translation>
            <numerusform>%n delivery exported to %1.</numerusform>
            <numerusform>%n deliveries exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation>
            <numerusform>%n delivery</numerusform>
            <numerusform>%n deliveries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::SubscribersPage</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber(s)</source>
        <translation>
            <numerusform>%n subscriber</numerusform>
            <numerusform>%n subscribers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::TemplatesPage</name>
    <message numerus="yes">
        <source>At most %n bytes</source>
        <translation>
            <numerusform>At most %n byte</numerusform>
            <numerusform>At most %n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::cli</name>
    <message numerus="yes">
        <source>would skip %n: %1</source>
        <translation>
            <numerusform>would skip %n: %1</numerusform>
            <numerusform>would skip %n: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the %1 people the audience names have no active or muted binding with reminders to %2; they get nothing</source>
        <translation>
            <numerusform>%n of the %1 people the audience names has no active or muted binding with reminders to %2; they get nothing</numerusform>
            <numerusform>%n of the %1 people the audience names have no active or muted binding with reminders to %2; they get nothing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries of broadcast %1 are uncertain (they may have arrived); list them with: pushdesk uncertain --db %2 --broadcast %1</source>
        <translation>
            <numerusform>%n delivery of broadcast %1 is uncertain (it may have arrived); list it with: pushdesk uncertain --db %2 --broadcast %1</numerusform>
            <numerusform>%n deliveries of broadcast %1 are uncertain (they may have arrived); list them with: pushdesk uncertain --db %2 --broadcast %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain deliveries; re-send them only if you are sure they did not arrive: pushdesk retry --db %1 --broadcast %2 --uncertain</source>
        <translation>
            <numerusform>%n uncertain delivery; re-send it only if you are sure it did not arrive: pushdesk retry --db %1 --broadcast %2 --uncertain</numerusform>
            <numerusform>%n uncertain deliveries; re-send them only if you are sure they did not arrive: pushdesk retry --db %1 --broadcast %2 --uncertain</numerusform>
        </translation>
    </message>
</context>
</TS>
