#pragma once
// Complaints that subscribers file against an app's message (seed 000, "投诉与处罚"): each refers to
// the delivery or the broadcast it is about, waits in the review queue, and is upheld or dismissed
// by a reviewer (PenaltyService does the deciding, because upholding costs the app points).
#include "domain/result.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace pushdesk {
class Database;
struct ListingSpec;

enum class ComplaintCategory { Advertising, Harassment, Fraud, Illegal, Other };
enum class ComplaintStatus { Open, Upheld, Dismissed };

QString toString(ComplaintCategory v);   // advertising | harassment | fraud | illegal | other
QString toString(ComplaintStatus v);     // open | upheld | dismissed
bool fromString(const QString &s, ComplaintCategory *v);
bool fromString(const QString &s, ComplaintStatus *v);
QString displayName(ComplaintCategory v); // translated, for the console
QList<ComplaintCategory> allComplaintCategories();

struct Complaint {
    qint64 id = 0;
    qint64 subscriberId = 0;     // 0 = unknown (filed anonymously)
    qint64 appId = 0;
    qint64 deliveryId = 0;       // the message complained about: a delivery …
    qint64 broadcastId = 0;      // … or a whole broadcast (filled in from the delivery when only that is given)
    ComplaintCategory category = ComplaintCategory::Other;
    QString text;
    ComplaintStatus status = ComplaintStatus::Open;
    QString reviewer;
    QString note;
    QDateTime decidedAt;
    QDateTime createdAt;
};

class ComplaintRepository {
public:
    explicit ComplaintRepository(Database &db) : m_db(db) {}

    // Checks that the app exists and that the delivery / broadcast belong to it; at least one of
    // deliveryId and broadcastId is required. Returns the new id.
    Result<qint64> create(const Complaint &complaint);
    Result<std::optional<Complaint>> find(qint64 id);
    // The review queue: open complaints, oldest first. appId 0 = every app.
    Result<QList<Complaint>> openQueue(qint64 appId = 0, int offset = 0, int limit = 200);
    Result<qint64> openCount(qint64 appId = 0);
    // Every complaint about an app, newest first.
    Result<QList<Complaint>> forApp(qint64 appId, int offset = 0, int limit = 200);

    // Listing columns for a lazy table model (Listing::fetch); filter with equals {"status","open"}.
    static ListingSpec listing();

private:
    Database &m_db;
};

} // namespace pushdesk
