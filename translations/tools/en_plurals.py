# English singular and plural forms of every %n message (translations/pushdesk_en.ts), keyed by
# (context, source): (one, other).
P = {
    ('pushdesk::cli', '%n deliveries of broadcast %1 are uncertain (they may have arrived); list them with: pushdesk uncertain --db %2 --broadcast %1'):
        ('%n delivery of broadcast %1 is uncertain (it may have arrived); list it with: pushdesk uncertain --db %2 --broadcast %1',
         '%n deliveries of broadcast %1 are uncertain (they may have arrived); list them with: pushdesk uncertain --db %2 --broadcast %1'),
    ('pushdesk::cli', '%n uncertain deliveries; re-send them only if you are sure they did not arrive: pushdesk retry --db %1 --broadcast %2 --uncertain'):
        ('%n uncertain delivery; re-send it only if you are sure it did not arrive: pushdesk retry --db %1 --broadcast %2 --uncertain',
         '%n uncertain deliveries; re-send them only if you are sure they did not arrive: pushdesk retry --db %1 --broadcast %2 --uncertain'),
    ('ContentVerdict', 'msg_sec_check passed the content (%n parts).'):
        ('msg_sec_check passed the content (%n part).', 'msg_sec_check passed the content (%n parts).'),
    ('FieldLimits', 'digits only, at most %n character(s)'):
        ('digits only, at most %n character', 'digits only, at most %n characters'),
    ('FieldLimits', 'letters only, at most %n character(s)'):
        ('letters only, at most %n character', 'letters only, at most %n characters'),
    ('FieldLimits', 'digits, + and -, at most %n character(s)'):
        ('digits, + and -, at most %n character', 'digits, + and -, at most %n characters'),
    ('FieldLimits', 'at most %n character(s)'):
        ('at most %n character', 'at most %n characters'),
    ('Importer', 'The line has %n field(s), but the first line has %1.'):
        ('The line has %n field, but the first line has %1.', 'The line has %n fields, but the first line has %1.'),
    ('cli', '%n deliveries of broadcast %1 are pending again; a console or pushdesk worker sends them.'):
        ('%n delivery of broadcast %1 is pending again; a console or pushdesk worker sends it.',
         '%n deliveries of broadcast %1 are pending again; a console or pushdesk worker sends them.'),
    ('pushdesk::AuditPage', '%n event(s)'): ('%n event', '%n events'),
    ('pushdesk::BroadcastProgressPanel', 'Retrying %n failed delivery(s)…'):
        ('Retrying %n failed delivery…', 'Retrying %n failed deliveries…'),
    ('pushdesk::BroadcastProgressPanel', 'Failures: the first %n are shown; the Send log has all of them.'):
        ('Failures: the first is shown; the Send log has all of them.',
         'Failures: the first %n are shown; the Send log has all of them.'),
    ('pushdesk::BroadcastProgressPanel', 'Failures: %n'): ('Failures: %n', 'Failures: %n'),
    ('pushdesk::BroadcastsPage', '%n broadcast(s)'): ('%n broadcast', '%n broadcasts'),
    ('pushdesk::BroadcastsPage', '%n uncertain delivery(s) for review: the request left, but no answer was recorded. The recipient may or may not have the message.'):
        ('%n uncertain delivery for review: the request left, but no answer was recorded. The recipient may or may not have the message.',
         '%n uncertain deliveries for review: the requests left, but no answer was recorded. The recipients may or may not have the message.'),
    ('pushdesk::BroadcastsPage', 'Retrying %n failed delivery(s)…'):
        ('Retrying %n failed delivery…', 'Retrying %n failed deliveries…'),
    ('pushdesk::BroadcastsPage', '%n recipient(s) may already have this message. Send it to them again?'):
        ('%n recipient may already have this message. Send it to them again?',
         '%n recipients may already have this message. Send it to them again?'),
    ('pushdesk::BroadcastsPage', 'Re-sending %n uncertain delivery(s)…'):
        ('Re-sending %n uncertain delivery…', 'Re-sending %n uncertain deliveries…'),
    ('pushdesk::ComplaintsPage', '%n complaint(s)'): ('%n complaint', '%n complaints'),
    ('pushdesk::ComposerPage', '%n subscriber(s) bound this app with reminders on.'):
        ('%n subscriber bound this app with reminders on.', '%n subscribers bound this app with reminders on.'),
    ('pushdesk::ComposerPage', 'Dry run: %n recipient(s) in the audience; nothing was sent or stored.'):
        ('Dry run: %n recipient in the audience; nothing was sent or stored.',
         'Dry run: %n recipients in the audience; nothing was sent or stored.'),
    ('pushdesk::ComposerPage', '%n field(s) are over their channel’s limit for the sample recipient.'):
        ('%n field is over its channel’s limit for the sample recipient.',
         '%n fields are over their channel’s limit for the sample recipient.'),
    ('pushdesk::DashboardPage', '%n open complaint(s) to review'):
        ('%n open complaint to review', '%n open complaints to review'),
    ('pushdesk::DashboardPage', 'Deliveries, last %n day(s)'): ('Deliveries, last day', 'Deliveries, last %n days'),
    ('pushdesk::DashboardPage', 'Failures by errcode, last %n day(s)'):
        ('Failures by errcode, last day', 'Failures by errcode, last %n days'),
    ('pushdesk::ImportDialog', 'No problems: %n row(s) ready to import.'):
        ('No problems: %n row ready to import.', 'No problems: %n rows ready to import.'),
    ('pushdesk::ImportDialog', 'Imported %n row(s).'): ('Imported %n row.', 'Imported %n rows.'),
    ('pushdesk::ImportDialog', '%n subscriber(s) who opted out stay opted out.'):
        ('%n subscriber who opted out stays opted out.', '%n subscribers who opted out stay opted out.'),
    ('pushdesk::ImportDialog', '%n problem(s): nothing will be imported until they are fixed.'):
        ('%n problem: nothing will be imported until it is fixed.',
         '%n problems: nothing will be imported until they are fixed.'),
    ('pushdesk::ImportDialog', '… and %n more.'): ('… and %n more.', '… and %n more.'),
    ('pushdesk::PenaltyHistory', '−%n point(s)'): ('−%n point', '−%n points'),
    ('pushdesk::PenaltyHistory', "Deduct %n point(s) from the app's credit score?"):
        ("Deduct %n point from the app's credit score?", "Deduct %n points from the app's credit score?"),
    ('pushdesk::PenaltyHistory', 'Suspend the app for %n day(s)? It cannot send meanwhile.'):
        ('Suspend the app for %n day? It cannot send meanwhile.',
         'Suspend the app for %n days? It cannot send meanwhile.'),
    ('pushdesk::SendLogPage', '%n delivery(s) exported to %1.'):
        ('%n delivery exported to %1.', '%n deliveries exported to %1.'),
    ('pushdesk::SendLogPage', '%n delivery(s)'): ('%n delivery', '%n deliveries'),
    ('pushdesk::SubscribersPage', '%n match(es)'): ('%n match', '%n matches'),
    ('pushdesk::SubscribersPage', '%n subscriber(s)'): ('%n subscriber', '%n subscribers'),
    ('Importer', '%n subscribers share the e-mail address "%1".'):
        ('%n subscriber has the e-mail address "%1".', '%n subscribers share the e-mail address "%1".'),
    ('pushdesk::ComposerPage', '%1 (%n people)'): ('%1 (%n person)', '%1 (%n people)'),
    ('pushdesk::ComposerPage', '%n of the people this audience names have not bound this app with reminders on and get nothing.'):
        ('%n of the people this audience names has not bound this app with reminders on and gets nothing.',
         '%n of the people this audience names have not bound this app with reminders on and get nothing.'),
    ('pushdesk::ImportDialog', 'No problems: the list “%1” would have %n subscriber(s).'):
        ('No problems: the list “%1” would have %n subscriber.', 'No problems: the list “%1” would have %n subscribers.'),
    ('pushdesk::ImportDialog', 'The list “%1” was made with %n subscriber(s).'):
        ('The list “%1” was made with %n subscriber.', 'The list “%1” was made with %n subscribers.'),
    ('pushdesk::TemplatesPage', 'At most %n bytes'): ('At most %n byte', 'At most %n bytes'),
    ('pushdesk::BroadcastsPage', '%Ln recipient(s) · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending'):
        ('%Ln recipient · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending',
         '%Ln recipients · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending'),
    ('pushdesk::cli', 'would skip %n: %1'): ('would skip %n: %1', 'would skip %n: %1'),
    ('pushdesk::cli', '%n of the %1 people the audience names have no active or muted binding with reminders to %2; they get nothing'):
        ('%n of the %1 people the audience names has no active or muted binding with reminders to %2; they get nothing',
         '%n of the %1 people the audience names have no active or muted binding with reminders to %2; they get nothing'),
}
