#pragma once
// Subscribers: a search over openid, nickname and e-mail (prefix, in SQL), the lazily loaded list, and
// a read-only panel with the selected subscriber and the apps they bound.
#include <QTimer>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class SubscribersPage; }
QT_END_NAMESPACE

namespace pushdesk {
class ListingModel;
class Workspace;

class SubscribersPage : public QWidget {
    Q_OBJECT
public:
    explicit SubscribersPage(Workspace &ws, QWidget *parent = nullptr);
    ~SubscribersPage() override;

    ListingModel *model() const { return m_model; }

public slots:
    void applySearch(); // at once, without waiting for the typing pause
    void showSubscriber(qint64 id);
    void reload();

protected:
    void changeEvent(QEvent *event) override;

private:
    void clearDetails();
    void updateCounts();

    Workspace &m_ws;
    std::unique_ptr<Ui::SubscribersPage> m_ui;
    ListingModel *m_model = nullptr;
    QTimer m_searchDelay;
};

} // namespace pushdesk
