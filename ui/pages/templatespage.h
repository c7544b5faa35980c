#pragma once
// Templates: the list of every app's templates and an editor for one template's payload per channel
// (customer-service text, WeChat template, mini-program subscribe / form_id message, Bark, ntfy, e-mail),
// with placeholders to insert, a live preview for a sample recipient and each channel's limits checked
// as you type. A template whose fixed text is over a limit is not saved.
#include "domain/result.h"
#include "domain/types.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

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
    // Inserts {{name}} into the text field that last had the focus (the customer-service text at first).
    void insertPlaceholder(const QString &name);

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
    void buildChannelEditors();
    void retranslateChannelEditors();
    void fillPlaceholderMenu();
    void updatePreview();
    // Problems of the fixed text, placeholders left empty: these hold whatever the values are.
    QStringList fixedTextProblems(const Template &t) const;

    Workspace &m_ws;
    std::unique_ptr<Ui::TemplatesPage> m_ui;
    ListingModel *m_model = nullptr;
    qint64 m_currentId = 0;
    QPointer<QWidget> m_lastEditor;
    // Built in code, beside the .ui's tabs.
    QLabel *m_barkSoundLabel = nullptr;
    QLineEdit *m_barkSoundEdit = nullptr;
    QLabel *m_barkSubtitleLabel = nullptr;
    QLineEdit *m_barkSubtitleEdit = nullptr;
    QLabel *m_barkIconLabel = nullptr;
    QLineEdit *m_barkIconEdit = nullptr;
    QWidget *m_miniTab = nullptr;
    QLabel *m_subscribeIdLabel = nullptr;
    QLineEdit *m_subscribeIdEdit = nullptr;
    QLabel *m_subscribeFieldsLabel = nullptr;
    QPlainTextEdit *m_subscribeFieldsEdit = nullptr;
    QLabel *m_formIdLabel = nullptr;
    QLineEdit *m_formIdEdit = nullptr;
    QLabel *m_miniPageLabel = nullptr;
    QLineEdit *m_miniPageEdit = nullptr;
    QWidget *m_ntfyTab = nullptr;
    QLabel *m_ntfyTitleLabel = nullptr;
    QLineEdit *m_ntfyTitleEdit = nullptr;
    QLabel *m_ntfyBodyLabel = nullptr;
    QPlainTextEdit *m_ntfyBodyEdit = nullptr;
    QLabel *m_ntfyPriorityLabel = nullptr;
    QComboBox *m_ntfyPriorityCombo = nullptr;
    QLabel *m_ntfyTagsLabel = nullptr;
    QLineEdit *m_ntfyTagsEdit = nullptr;
    QToolButton *m_insertButton = nullptr;
    QLabel *m_previewLabel = nullptr;
    QPlainTextEdit *m_previewText = nullptr;
    QLabel *m_limitsLabel = nullptr;
};

} // namespace pushdesk
