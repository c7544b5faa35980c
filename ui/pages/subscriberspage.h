#pragma once
// Subscribers: a search by openid, nickname or e-mail (their beginning; nickname and e-mail in any case of
// ASCII letters) or tag (exactly), in SQL off indexes; its matches listed by the openid, nickname, e-mail
// each matched, then the tag's holders by id, until the operator sorts by a column (ListingSpec::
// orderSearchByMatch); the lazily loaded list, and a panel with the selected subscriber and the apps they
// bound, where an operator changes a binding's state or reminder (recorded as an audited operator event),
// and "Import CSV…" with a checked report.
#include "domain/types.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class SubscribersPage; }
QT_END_NAMESPACE

namespace pushdesk {
class ImportDialog;
class ListingModel;
class Workspace;

class SubscribersPage : public QWidget {
    Q_OBJECT
public:
    explicit SubscribersPage(Workspace &ws, QWidget *parent = nullptr);
    ~SubscribersPage() override;

    ListingModel *model() const { return m_model; }
    ImportDialog *importDialog() const; // the open one, if any

public slots:
    void applySearch(); // at once, without waiting for the typing pause
    void showSubscriber(qint64 id);
    void reload();
    bool applyBindingEdit(); // the selected binding's state and reminder as chosen in the combos
    void openImport();

protected:
    void changeEvent(QEvent *event) override;

private:
    void clearDetails();
    void updateCounts();
    void showBindingChoice(int row);
    void retranslateBindingCombos();

    Workspace &m_ws;
    std::unique_ptr<Ui::SubscribersPage> m_ui;
    ListingModel *m_model = nullptr;
    QTimer m_searchDelay;
    qint64 m_subscriberId = 0;
    QList<Binding> m_bindings; // the rows of bindingsTable
    QPointer<ImportDialog> m_importDialog;
};

} // namespace pushdesk
