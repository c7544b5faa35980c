#pragma once
// The failures of the broadcast being watched, as the engine reports them (deliveryFailed), newest last.
// Bounded: past kMaxRows the Send log has the rest.
#include "engine/engineoptions.h"

#include <QAbstractTableModel>

namespace pushdesk {

class FailureModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RecipientColumn, ChannelColumn, ErrcodeColumn, ReasonColumn, ColumnCount };
    enum Role { DeliveryIdRole = Qt::UserRole };
    static constexpr int kMaxRows = 5000;

    explicit FailureModel(QObject *parent = nullptr);

    void append(const DeliveryFailure &failure);
    void clear();
    qint64 dropped() const { return m_dropped; } // failures not kept because of kMaxRows
    const DeliveryFailure &failure(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DeliveryFailure> m_rows;
    qint64 m_dropped = 0;
};

} // namespace pushdesk
