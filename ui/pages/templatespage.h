#pragma once
// Templates: the list of every app's templates and an editor for one template's payload per channel
// (customer-service text, WeChat template, Bark, e-mail), showing the placeholders it uses.
#include "domain/result.h"
#include "domain/types.h"

#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class TemplatesPage; }
QT_END_NAMESPACE

namespace pushdesk {
class ListingModel;
class Workspace;

class TemplatesPage : public QWidget {
    Q_OBJECT
public:
    explicit TemplatesPage(Workspace &ws, QWidget *parent = nullptr);
    ~TemplatesPage() override;

    qint64 currentTemplateId() const { return m_currentId; }
    ListingModel *model() const { return m_model; }

public slots:
    void reloadApps();
    void startNewTemplate();
    void showTemplate(qint64 id);
    bool save();

signals:
    void templatesChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillForm(const Template &t);
    Result<Template> templateFromForm() const;
    void updatePlaceholders();
    void updateEmptyState();
    void fillBarkLevels();

    Workspace &m_ws;
    std::unique_ptr<Ui::TemplatesPage> m_ui;
    ListingModel *m_model = nullptr;
    qint64 m_currentId = 0;
};

} // namespace pushdesk
